package dev.smartretry.service.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.smartretry.planner.DecisionExplanation;
import dev.smartretry.planner.InputEffect;
import dev.smartretry.planner.ScoredTime;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * {@code explanation} of an answer to {@code POST /v1/retry-decisions?explain=true}.
 *
 * @param candidates the times the planner weighed, in time order; the chosen one is among them
 * @param fixedSchedule the policy's fixed-schedule time for this retry; null when it has none left
 *     or its time is past the deadline
 * @param inputs the inputs that moved the chosen time's probability most, largest effect first
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record ExplanationResponse(
    List<Candidate> candidates, @Nullable Candidate fixedSchedule, List<Input> inputs) {
  /** A time and the model's probability that a retry then succeeds. */
  @Serdeable
  record Candidate(Instant at, double successProbability) {
    static Candidate of(ScoredTime time) {
      return new Candidate(time.at(), time.probability());
    }
  }

  /**
   * An input and its effect: the probability with it less the probability had the model not known
   * it.
   */
  @Serdeable
  record Input(String input, double value, double effect) {
    static Input of(InputEffect effect) {
      return new Input(effect.input(), effect.value(), effect.effect());
    }
  }

  /** For a decision no model made: nothing was weighed. */
  static final ExplanationResponse NONE = new ExplanationResponse(List.of(), null, List.of());

  static ExplanationResponse of(DecisionExplanation explanation) {
    return new ExplanationResponse(
        explanation.candidates().stream().map(Candidate::of).toList(),
        explanation.fixedSchedule().map(Candidate::of).orElse(null),
        explanation.inputs().stream().map(Input::of).toList());
  }
}
