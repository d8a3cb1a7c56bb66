package dev.smartretry.simulation;

import java.util.List;

/**
 * The outcome of a simulation: every strategy on the same invoices.
 *
 * @param firstInvoice the world's index of the first simulated invoice
 * @param bestFixed the fixed schedule with the highest recovery rate
 * @param gapClosed (planner − best fixed) / (oracle − best fixed) recovery rates: 1 means the
 *     planner does as well as a planner that knows the hidden truth; NaN when there is no gap
 */
public record SimulationReport(
    long worldSeed,
    long firstInvoice,
    long invoices,
    int maxRetries,
    String maxDuration,
    String minInterval,
    List<StrategyOutcome> strategies,
    String bestFixed,
    double gapClosed) {

  /** The outcome of the strategy called {@code name}. */
  public StrategyOutcome outcome(String name) {
    return strategies.stream()
        .filter(outcome -> outcome.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no strategy " + name));
  }
}
