/**
 * How well probabilities predicted outcomes: ROC AUC, log loss and Brier score of scored examples.
 * Below both training (which picks and validates a model by them) and evaluation (which reports
 * them), so neither depends on the other for its arithmetic.
 */
package dev.smartretry.scoring;
