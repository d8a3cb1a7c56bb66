/**
 * Choosing the next retry: the merchant's {@link dev.smartretry.planner.RetryPolicy}, the hard
 * rules no model can override ({@link dev.smartretry.planner.NetworkRules}), and the {@link
 * dev.smartretry.planner.RetryPlanner} that turns success probabilities into a retry time, with an
 * optional {@link dev.smartretry.planner.Exploration} share whose every decision records the
 * probability its time was chosen with ({@link dev.smartretry.planner.Selection}).
 */
package dev.smartretry.planner;
