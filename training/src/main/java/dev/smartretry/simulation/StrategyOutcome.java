package dev.smartretry.simulation;

import java.util.Map;

/**
 * How one strategy did over all the simulated invoices.
 *
 * @param recoveredAmount recovered invoice amounts in minor units, by currency
 * @param retries retries made over all invoices
 * @param medianHoursToRecovery over the recovered invoices, from first failure to success
 * @param violations retries that broke the policy or the networks' rules (checked apart from the
 *     planner, after each decision): always 0 unless the planner is wrong
 */
public record StrategyOutcome(
    String name,
    Strategy.Kind kind,
    long invoices,
    long recovered,
    double recoveryRate,
    Map<String, Long> recoveredAmount,
    long retries,
    double retriesPerInvoice,
    double medianHoursToRecovery,
    long violations) {}
