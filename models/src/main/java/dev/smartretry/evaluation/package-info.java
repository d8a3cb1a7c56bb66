/**
 * How good a success model is: ROC AUC, log loss, Brier score and calibration, overall and by
 * group, and how the planner driven by it would have done on the same history (a replay).
 */
package dev.smartretry.evaluation;
