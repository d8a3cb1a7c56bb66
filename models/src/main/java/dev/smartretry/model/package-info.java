/**
 * The learned models and their files: a success classifier (P(a retry at t succeeds | what is
 * known)), its calibration, a recovery-time regression, and the model directory that holds them
 * with their provenance and metrics.
 */
package dev.smartretry.model;
