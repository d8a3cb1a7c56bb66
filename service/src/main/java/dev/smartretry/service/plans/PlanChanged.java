package dev.smartretry.service.plans;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * A plan changed, and the change is committed: published to the context's listeners (metrics, the
 * scheduler's wake-up, tests waiting for a retry), on the thread that made the change.
 *
 * @param status the plan's status after the change
 * @param finished whether this change made the plan final
 * @param nextAttemptAt when its next retry is due; null on a final plan
 * @param outcome the outcome of the retry this change recorded, {@code succeeded} or {@code
 *     failed}; null for other changes
 */
public record PlanChanged(
    String invoiceId,
    Change change,
    String status,
    boolean finished,
    @Nullable Instant nextAttemptAt,
    long amountMinor,
    String currency,
    @Nullable String outcome) {
  /** What happened to the plan. */
  public enum Change {
    /** A billing system registered the failure: the plan is new. */
    REGISTERED,
    /** A retry's outcome was stored and the plan decided again. */
    RETRIED,
    /** A call got no outcome: it is tried again later, or the plan gave up on the gateway. */
    NO_OUTCOME,
    /** The billing system settled the invoice elsewhere. */
    RESOLVED
  }
}
