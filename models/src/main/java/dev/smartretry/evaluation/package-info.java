/**
 * How good a success model is: ROC AUC, log loss, Brier score and calibration, overall and by
 * group.
 */
package dev.smartretry.evaluation;
