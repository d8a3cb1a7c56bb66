package dev.smartretry.scoring;

/**
 * Retries whose predicted probability fell in [{@code from}, {@code to}): predicted vs observed.
 */
public record CalibrationBin(
    double from, double to, long count, double meanPredicted, double observedRate) {}
