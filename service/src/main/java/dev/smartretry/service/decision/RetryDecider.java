package dev.smartretry.service.decision;

import dev.smartretry.planner.RetryDecision;
import dev.smartretry.planner.RetryPlanner;
import dev.smartretry.service.models.LiveModel;
import dev.smartretry.service.models.ModelRegistry;
import dev.smartretry.service.policy.Policy;
import dev.smartretry.service.policy.PolicyStore;
import dev.smartretry.service.problem.FieldError;
import dev.smartretry.service.problem.ServiceProblem;
import dev.smartretry.service.routing.PolicyRouter;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides one request: resolves its policy, takes the live model once (a model activated meanwhile
 * serves the next request, never half of this one), and asks the planner, which applies the hard
 * rules before any score. Without a live model the planner follows the policy's schedule, with
 * reason {@code fallback}.
 */
@Singleton
final class RetryDecider {
  private static final Logger LOG = LoggerFactory.getLogger(RetryDecider.class);
  static final String INLINE_POLICY = "inline";

  private final DecisionRequestReader reader;
  private final PolicyStore policies;
  private final PolicyRouter router;
  private final ModelRegistry models;
  private final DecisionMetrics metrics;
  private final Clock clock;

  RetryDecider(
      DecisionRequestReader reader,
      PolicyStore policies,
      PolicyRouter router,
      ModelRegistry models,
      DecisionMetrics metrics,
      Clock clock) {
    this.reader = reader;
    this.policies = policies;
    this.router = router;
    this.models = models;
    this.metrics = metrics;
    this.clock = clock;
  }

  DecisionResponse decide(DecisionRequest request) {
    long started = System.nanoTime();
    DecisionInput input = reader.read(request, clock.instant());
    Policy policy = policy(input);
    Optional<LiveModel> live = models.live();
    RetryPlanner planner =
        new RetryPlanner(live.map(model -> model.model().success()).orElse(null));
    RetryDecision decision = planner.decide(input.context(), policy.toRetryPolicy(), input.asOf());
    DecisionResponse response =
        new DecisionResponse(
            decision.isRetry() ? "retry" : "stop",
            decision.nextAttemptAt(),
            decision.successProbability().isPresent()
                ? decision.successProbability().getAsDouble()
                : null,
            decision.retryNumber(),
            decision.retriesRemaining(),
            decision.deadline(),
            decision.reason().wireName(),
            policy.name(),
            live.map(LiveModel::version).orElse(null));
    metrics.record(response.decision(), response.reason(), System.nanoTime() - started);
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "invoice {}: {} at {} ({}), policy {}, model {}",
          input.invoiceId(),
          response.decision(),
          response.nextAttemptAt(),
          response.reason(),
          response.policy(),
          response.modelVersion());
    }
    return response;
  }

  private Policy policy(DecisionInput input) {
    if (input.inlinePolicy() != null) {
      return input.inlinePolicy();
    }
    String name = input.policyName() != null ? input.policyName() : router.policyFor(input.facts());
    return policies
        .find(name)
        .orElseThrow(
            () ->
                input.policyName() != null
                    ? ServiceProblem.invalid(
                        List.of(new FieldError("policy", "there is no policy named " + name)))
                    : ServiceProblem.conflict(
                        "The routing rules chose the policy " + name + ", which does not exist."));
  }
}
