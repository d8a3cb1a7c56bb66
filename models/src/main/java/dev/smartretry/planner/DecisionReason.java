package dev.smartretry.planner;

import java.util.Locale;

/** Why a decision is what it is; the spec's {@code reason} values. */
public enum DecisionReason {
  MODEL_OPTIMUM,
  FIXED_SCHEDULE,
  /**
   * The invoice's customer is in the control arm of the live control group: the policy's schedule,
   * to measure what the model adds.
   */
  CONTROL_GROUP,
  FALLBACK,
  HARD_DECLINE,
  RETRIES_EXHAUSTED,
  DEADLINE_PASSED,
  /** The policy is manual: a person, not the scheduler, handles the invoice. */
  MANUAL_REVIEW;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
