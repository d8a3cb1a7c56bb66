/**
 * {@code POST /v1/retry-decisions}: a failed invoice in, the next retry time or a reasoned stop
 * out. The request is read into the models' {@link dev.smartretry.features.DecisionContext}, the
 * policy is resolved (inline, by name, by routing rules, else {@code default}), and the planner of
 * the live model decides; the planner holds the hard rules, so no model can break them. Nothing is
 * stored.
 */
package dev.smartretry.service.decision;
