package dev.smartretry.simulation;

import java.util.List;

/**
 * Every strategy in one world under one retry budget, on the same unseen invoices.
 *
 * @param bestFixed the fixed schedule that recovered most
 * @param evenlyRate the evenly spread schedule, the one a billing team would set by hand
 * @param planners the learned planners, the world's own model first
 */
public record WorldScore(
    int maxRetries,
    String bestFixed,
    double bestFixedRate,
    double evenlyRate,
    double evenlyMedianHours,
    double oracleRate,
    double oracleMedianHours,
    List<PlannerScore> planners) {
  public WorldScore {
    planners = List.copyOf(planners);
  }

  static WorldScore of(SimulationReport report) {
    StrategyOutcome bestFixed = report.outcome(report.bestFixed());
    StrategyOutcome evenly = report.outcome(Strategy.EVENLY_SPREAD);
    StrategyOutcome oracle = report.outcome(Strategy.ORACLE);
    return new WorldScore(
        report.maxRetries(),
        bestFixed.name(),
        bestFixed.recoveryRate(),
        evenly.recoveryRate(),
        evenly.medianHoursToRecovery(),
        oracle.recoveryRate(),
        oracle.medianHoursToRecovery(),
        report.strategies().stream()
            .filter(outcome -> outcome.kind() == Strategy.Kind.PLANNER)
            .map(planner -> PlannerScore.of(planner, bestFixed, oracle))
            .toList());
  }

  /** The planner called {@code name}. */
  public PlannerScore planner(String name) {
    return planners.stream()
        .filter(planner -> planner.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no planner " + name));
  }
}
