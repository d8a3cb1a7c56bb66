package dev.smartretry.planner;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a smart decision chose its time.
 *
 * @param candidates the times the planner weighed, in time order, with their probabilities; the
 *     chosen time is among them with the decision's probability
 * @param fixedSchedule the time the policy's fixed schedule would have chosen for this retry, with
 *     its probability; empty when the schedule has no retry left or its time is past the deadline
 * @param inputs the inputs that moved the chosen time's probability most, largest effect first
 */
public record DecisionExplanation(
    List<ScoredTime> candidates, Optional<ScoredTime> fixedSchedule, List<InputEffect> inputs) {
  public DecisionExplanation {
    candidates = List.copyOf(candidates);
    Objects.requireNonNull(fixedSchedule, "fixedSchedule");
    inputs = List.copyOf(inputs);
  }
}
