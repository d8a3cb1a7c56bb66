package dev.smartretry.simulation;

/**
 * How one strategy did on one invoice.
 *
 * @param hoursToRecovery from the first failure to the successful retry; NaN when not recovered
 * @param violations retries the strategy made that broke the policy or the networks' rules
 */
record PlayResult(boolean recovered, int retries, double hoursToRecovery, int violations) {}
