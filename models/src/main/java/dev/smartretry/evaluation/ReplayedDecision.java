package dev.smartretry.evaluation;

import dev.smartretry.planner.DecisionReason;
import java.time.Instant;
import java.util.Objects;

/**
 * One decision point of a history replayed: the retry the history made after a failed attempt, and
 * what the planner would have chosen at that moment, knowing what was known then.
 *
 * @param retryNumber the logged retry's number: 1 for the first retry after the original charge
 * @param previousAt when the attempt it followed failed
 * @param loggedAt when the history made the retry
 * @param succeeded whether the logged retry succeeded
 * @param plannedAt when the planner would have retried; null when it would have stopped
 * @param reason why the planner decided as it did
 * @param matched whether {@code plannedAt} is close enough to {@code loggedAt} for the logged
 *     outcome to stand for the planner's (see {@link PlannerReplay})
 */
public record ReplayedDecision(
    int retryNumber,
    Instant previousAt,
    Instant loggedAt,
    boolean succeeded,
    Instant plannedAt,
    DecisionReason reason,
    boolean matched) {
  public ReplayedDecision {
    Objects.requireNonNull(previousAt, "previousAt");
    Objects.requireNonNull(loggedAt, "loggedAt");
    Objects.requireNonNull(reason, "reason");
    if (matched && plannedAt == null) {
      throw new IllegalArgumentException("a stop cannot match a logged retry");
    }
  }

  /** Whether the planner would not have retried at all here, where the history did. */
  public boolean plannerStopped() {
    return plannedAt == null;
  }
}
