package dev.smartretry.evaluation;

import dev.smartretry.scoring.WilsonInterval;
import java.util.List;

/** The counts of a replay, added invoice by invoice. Not thread-safe. */
final class ReplayTally {
  private long invoices;
  private long decisionPoints;
  private long plannerStops;
  private long matched;
  private long matchedSuccesses;
  private long loggedSuccesses;
  private long recoveredInvoices;
  private long wouldHaveRecovered;

  /** Adds one invoice's decision points, oldest first. */
  void add(List<ReplayedDecision> invoice) {
    invoices++;
    for (ReplayedDecision decision : invoice) {
      decisionPoints++;
      if (decision.plannerStopped()) {
        plannerStops++;
      }
      if (decision.succeeded()) {
        loggedSuccesses++;
      }
      // Every matched point weighs 1: the logging policy's propensities are unknown. With them, a
      // matched point would weigh 1 / P(the history retries within the match window), here.
      if (decision.matched()) {
        matched++;
        if (decision.succeeded()) {
          matchedSuccesses++;
        }
      }
    }
    // A success ends its invoice, so only the last point can be one.
    if (!invoice.isEmpty() && invoice.get(invoice.size() - 1).succeeded()) {
      recoveredInvoices++;
      // Its recovering retry matched is a matched success already; only where every retry before
      // it matched too is the history's path one the planner would have taken to that recovery.
      if (invoice.stream().allMatch(ReplayedDecision::matched)) {
        wouldHaveRecovered++;
      }
    }
  }

  ReplayReport report(ReplaySettings settings) {
    return new ReplayReport(
        settings.policy().maxRetries(),
        settings.policy().maxDuration().toString(),
        settings.policy().minInterval().toString(),
        settings.tolerance().toString(),
        invoices,
        decisionPoints,
        plannerStops,
        matched,
        rate(matched, decisionPoints),
        matchedSuccesses,
        rate(matchedSuccesses, matched),
        WilsonInterval.of(matchedSuccesses, matched),
        loggedSuccesses,
        rate(loggedSuccesses, decisionPoints),
        recoveredInvoices,
        wouldHaveRecovered);
  }

  private static double rate(long part, long whole) {
    return whole == 0 ? Double.NaN : (double) part / whole;
  }
}
