package dev.smartretry.evaluation;

import dev.smartretry.scoring.WilsonInterval;

/**
 * The planner's simulated recovery on a history, by replay (see {@link PlannerReplay}).
 *
 * @param maxRetries the policy's retries after the original charge
 * @param maxDuration the policy's retry window, ISO-8601
 * @param minInterval the policy's least time between attempts, ISO-8601
 * @param tolerance how far the planner's time may be from the logged one and match, ISO-8601
 * @param invoices invoices replayed, with or without retries
 * @param decisionPoints the history's retries: each followed a failed attempt and a decision
 * @param plannerStops decision points where the planner would not have retried at all
 * @param matched decision points where the planner's time matched the logged retry's
 * @param matchRate {@code matched / decisionPoints}; NaN without decision points
 * @param matchedSuccesses matched decision points whose logged retry succeeded
 * @param matchedSuccessRate {@code matchedSuccesses / matched}, every matched point alike (Li et
 *     al.'s estimate, unbiased only for a history that chose its retry times uniformly at random);
 *     NaN when none matched
 * @param matchedSuccessInterval its 95 % Wilson interval
 * @param weightedSuccessRate the replay's estimate of the planner's success rate per retry: the
 *     matched points' success rate, each weighted by one over the history's estimated chance of a
 *     retry within its match window; NaN when none matched
 * @param effectiveMatched the weighted points' effective number, {@code (Σw)² / Σw²}
 * @param weightedSuccessInterval the 95 % Wilson interval of {@code weightedSuccessRate} on {@code
 *     effectiveMatched} trials: approximate, as the weights are themselves estimated
 * @param loggedSuccesses decision points whose logged retry succeeded, matched or not
 * @param loggedSuccessRate the history's own success rate per retry, for reference
 * @param recoveredInvoices invoices the history recovered (as many as {@code loggedSuccesses}: a
 *     success ends its invoice)
 * @param wouldHaveRecovered of those, the ones whose every retry matched, the recovering one
 *     included: the history took a path the planner would have taken, so the planner recovers them
 *     too. A count to compare between models replayed on the same history, not a rate: long paths
 *     seldom match throughout, whatever the model
 */
public record ReplayReport(
    int maxRetries,
    String maxDuration,
    String minInterval,
    String tolerance,
    long invoices,
    long decisionPoints,
    long plannerStops,
    long matched,
    double matchRate,
    long matchedSuccesses,
    double matchedSuccessRate,
    WilsonInterval matchedSuccessInterval,
    double weightedSuccessRate,
    double effectiveMatched,
    WilsonInterval weightedSuccessInterval,
    long loggedSuccesses,
    double loggedSuccessRate,
    long recoveredInvoices,
    long wouldHaveRecovered) {}
