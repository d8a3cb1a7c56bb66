package dev.smartretry.service.plans;

import dev.smartretry.planner.DecisionReason;
import java.util.Locale;

/** Why a plan is final, and the status each reason gives it. */
enum StopReason {
  RECOVERED(PlanStatus.RECOVERED),
  RETRIES_EXHAUSTED(PlanStatus.EXHAUSTED),
  DEADLINE_PASSED(PlanStatus.EXHAUSTED),
  GATEWAY_UNREACHABLE(PlanStatus.EXHAUSTED),
  HARD_DECLINE(PlanStatus.STOPPED),
  MANUAL_REVIEW(PlanStatus.STOPPED),
  PAID_ELSEWHERE(PlanStatus.RESOLVED),
  VOIDED(PlanStatus.RESOLVED);

  private final PlanStatus status;

  StopReason(PlanStatus status) {
    this.status = status;
  }

  PlanStatus status() {
    return status;
  }

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The reason a planner's stop gives a plan. */
  static StopReason of(DecisionReason stop) {
    return switch (stop) {
      case HARD_DECLINE -> HARD_DECLINE;
      case RETRIES_EXHAUSTED -> RETRIES_EXHAUSTED;
      case DEADLINE_PASSED -> DEADLINE_PASSED;
      case MANUAL_REVIEW -> MANUAL_REVIEW;
      default -> throw new IllegalArgumentException(stop + " is not a reason to stop");
    };
  }

  /** Whether the policy's final action applies: the plan ended without recovery or settlement. */
  boolean carriesFinalAction() {
    return status == PlanStatus.EXHAUSTED || status == PlanStatus.STOPPED;
  }
}
