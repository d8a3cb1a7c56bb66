package dev.smartretry.simulation;

import java.util.List;

/**
 * A benchmark over randomized worlds: each world on its own, then each planner at each budget over
 * all of them.
 *
 * @param historyInvoices invoices in each world's training history
 * @param playedInvoices unseen invoices each strategy played in each world
 */
public record WorldsReport(
    int historyInvoices,
    int playedInvoices,
    String maxDuration,
    String minInterval,
    List<WorldResult> worlds,
    List<PlannerSummary> summary) {
  public WorldsReport {
    worlds = List.copyOf(worlds);
    summary = List.copyOf(summary);
  }
}
