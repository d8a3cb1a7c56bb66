package dev.smartretry.service.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.smartretry.planner.RetryDecision;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * The answer (docs/http-api.md, section 1). Null fields are written as null: a billing system reads
 * {@code next_attempt_at: null} on a stop.
 *
 * @param decision {@code retry} or {@code stop}
 * @param successProbability the model's calibrated probability at {@code nextAttemptAt}, when a
 *     model chose it
 * @param policy the policy's name, or {@code inline}
 * @param modelVersion the model live for this decision; null when there is none
 * @param arm {@code smart} or {@code control}
 * @param explanation only with {@code ?explain=true}, absent otherwise; its lists are empty when no
 *     model chose the time (a stop, a fixed schedule, a fallback)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DecisionResponse(
    String decision,
    @Nullable Instant nextAttemptAt,
    @Nullable Double successProbability,
    int retryNumber,
    int retriesRemaining,
    Instant deadline,
    String reason,
    String policy,
    @Nullable String modelVersion,
    String arm,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable ExplanationResponse explanation) {
  static DecisionResponse of(Decision decision, boolean explained) {
    RetryDecision retry = decision.retry();
    return new DecisionResponse(
        retry.isRetry() ? "retry" : "stop",
        retry.nextAttemptAt(),
        retry.successProbability().isPresent() ? retry.successProbability().getAsDouble() : null,
        retry.retryNumber(),
        retry.retriesRemaining(),
        retry.deadline(),
        retry.reason().wireName(),
        decision.policy().name(),
        decision.modelVersion(),
        decision.arm().wireName(),
        explained
            ? decision.explanation().map(ExplanationResponse::of).orElse(ExplanationResponse.NONE)
            : null);
  }
}
