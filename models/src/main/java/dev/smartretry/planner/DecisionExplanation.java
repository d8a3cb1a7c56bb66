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
 * @param selection the probability with which the time was chosen, and whether it was explored
 * @param forgone when the time was explored, the planner's best, which the draw passed over; empty
 *     when the decision is the best (or the draw fell on it)
 */
public record DecisionExplanation(
    List<ScoredTime> candidates,
    Optional<ScoredTime> fixedSchedule,
    List<InputEffect> inputs,
    Selection selection,
    Optional<ScoredTime> forgone) {
  public DecisionExplanation {
    candidates = List.copyOf(candidates);
    Objects.requireNonNull(fixedSchedule, "fixedSchedule");
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(forgone, "forgone");
  }

  /** The explanation of the planner's best time, chosen without exploration. */
  public DecisionExplanation(
      List<ScoredTime> candidates, Optional<ScoredTime> fixedSchedule, List<InputEffect> inputs) {
    this(candidates, fixedSchedule, inputs, Selection.CERTAIN, Optional.empty());
  }

  /** Whether the exploration draw, not the planner's best, chose the time. */
  public boolean explored() {
    return selection.explored();
  }
}
