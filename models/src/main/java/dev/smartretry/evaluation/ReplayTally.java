package dev.smartretry.evaluation;

import dev.smartretry.history.Invoice;
import dev.smartretry.scoring.WilsonInterval;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The counts of a replay, added invoice by invoice, and the weights of its matched points, which
 * need the whole history's delays: each logged retry's delay is kept (eight bytes a retry) and the
 * matched points themselves. Not thread-safe.
 */
final class ReplayTally {
  private final Duration tolerance;
  private long invoices;
  private long decisionPoints;
  private long plannerStops;
  private long matchedSuccesses;
  private long loggedSuccesses;
  private long recoveredInvoices;
  private long wouldHaveRecovered;
  private long[] delays = new long[1024];
  private final List<MatchedPoint> matched = new ArrayList<>();

  /** What a matched point's weight needs: where its match window lies, and its outcome. */
  private record MatchedPoint(
      Instant previousAt, Instant plannedAt, ZoneId zone, boolean succeeded) {}

  ReplayTally(Duration tolerance) {
    this.tolerance = tolerance;
  }

  /** Adds one invoice's decision points, oldest first. */
  void add(Invoice invoice, List<ReplayedDecision> decisions) {
    invoices++;
    for (ReplayedDecision decision : decisions) {
      if (decisionPoints == delays.length) {
        delays = Arrays.copyOf(delays, delays.length * 2);
      }
      delays[(int) decisionPoints++] = seconds(decision.previousAt(), decision.loggedAt());
      if (decision.plannerStopped()) {
        plannerStops++;
      }
      if (decision.succeeded()) {
        loggedSuccesses++;
      }
      if (decision.matched()) {
        matched.add(
            new MatchedPoint(
                decision.previousAt(),
                decision.plannedAt(),
                invoice.timezone(),
                decision.succeeded()));
        if (decision.succeeded()) {
          matchedSuccesses++;
        }
      }
    }
    // A success ends its invoice, so only the last point can be one.
    if (!decisions.isEmpty() && decisions.get(decisions.size() - 1).succeeded()) {
      recoveredInvoices++;
      // Its recovering retry matched is a matched success already; only where every retry before
      // it matched too is the history's path one the planner would have taken to that recovery.
      if (decisions.stream().allMatch(ReplayedDecision::matched)) {
        wouldHaveRecovered++;
      }
    }
  }

  ReplayReport report(ReplaySettings settings) {
    long[] sorted = Arrays.copyOf(delays, (int) decisionPoints);
    Arrays.sort(sorted);
    double weights = 0;
    double squares = 0;
    double successes = 0;
    for (MatchedPoint point : matched) {
      double weight = 1 / propensity(point, sorted);
      weights += weight;
      squares += weight * weight;
      successes += point.succeeded() ? weight : 0;
    }
    double weightedRate = matched.isEmpty() ? Double.NaN : successes / weights;
    double effective = matched.isEmpty() ? 0 : weights * weights / squares;
    return new ReplayReport(
        settings.policy().maxRetries(),
        settings.policy().maxDuration().toString(),
        settings.policy().minInterval().toString(),
        settings.tolerance().toString(),
        invoices,
        decisionPoints,
        plannerStops,
        matched.size(),
        rate(matched.size(), decisionPoints),
        matchedSuccesses,
        rate(matchedSuccesses, matched.size()),
        WilsonInterval.of(matchedSuccesses, matched.size()),
        weightedRate,
        effective,
        matched.isEmpty()
            ? WilsonInterval.of(0, 0)
            : WilsonInterval.ofRate(Math.min(1, weightedRate), effective),
        loggedSuccesses,
        rate(loggedSuccesses, decisionPoints),
        recoveredInvoices,
        wouldHaveRecovered);
  }

  /**
   * The history's chance of a logged retry in the point's match window, estimated as the share of
   * all its decision points whose delay after the failed attempt would have put their retry there:
   * within the tolerance of the planner's delay, and on the planner's local day. At least the
   * point's own retry is there, so it is never 0. This is the one place the history's own selection
   * probabilities would go, once it records them.
   */
  private double propensity(MatchedPoint point, long[] sorted) {
    long planned = seconds(point.previousAt(), point.plannedAt());
    LocalDate day = point.plannedAt().atZone(point.zone()).toLocalDate();
    long dayStart = seconds(point.previousAt(), day.atStartOfDay(point.zone()).toInstant());
    long dayEnd =
        seconds(point.previousAt(), day.plusDays(1).atStartOfDay(point.zone()).toInstant());
    long from = Math.max(planned - tolerance.getSeconds(), dayStart);
    // The next day's start is not the planner's day: the window ends a second before it.
    long to = Math.min(planned + tolerance.getSeconds(), dayEnd - 1);
    long inWindow = firstAbove(sorted, to) - firstAbove(sorted, from - 1);
    return (double) Math.max(1, inWindow) / sorted.length;
  }

  /** The index of the first value above {@code value} in {@code sorted}. */
  private static int firstAbove(long[] sorted, long value) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (sorted[middle] <= value) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  private static long seconds(Instant from, Instant to) {
    return Duration.between(from, to).getSeconds();
  }

  private static double rate(long part, long whole) {
    return whole == 0 ? Double.NaN : (double) part / whole;
  }
}
