package dev.smartretry.simulation;

/**
 * How one learned planner did in one world under one retry budget.
 *
 * @param name the strategy's name: {@code planner} for the model trained on the world's history
 * @param gapClosed (planner − best fixed) / (oracle − best fixed) recovery rates; NaN when the
 *     oracle does no better than the best fixed schedule
 * @param medianHours from the first failure to recovery, over the recovered invoices
 * @param violations retries that broke the policy or the networks' rules
 */
public record PlannerScore(
    String name,
    double recoveryRate,
    double gapClosed,
    double retriesPerInvoice,
    double medianHours,
    long violations) {

  static PlannerScore of(
      StrategyOutcome planner, StrategyOutcome bestFixed, StrategyOutcome oracle) {
    double gap = oracle.recoveryRate() - bestFixed.recoveryRate();
    return new PlannerScore(
        planner.name(),
        planner.recoveryRate(),
        gap > 0 ? (planner.recoveryRate() - bestFixed.recoveryRate()) / gap : Double.NaN,
        planner.retriesPerInvoice(),
        planner.medianHoursToRecovery(),
        planner.violations());
  }
}
