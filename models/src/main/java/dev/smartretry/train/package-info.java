/**
 * Training: from an attempts file to a model directory. Every retry row becomes one example, with
 * the features of what was known at its decision; invoices are split by time (earlier ones train,
 * later ones calibrate and validate), candidate algorithms are compared, and the winner is
 * calibrated and written with its metrics and provenance.
 */
package dev.smartretry.train;
