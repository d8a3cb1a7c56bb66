package dev.smartretry.service.decision;

import dev.smartretry.planner.ExplainedDecision;
import dev.smartretry.planner.RetryDecision;
import dev.smartretry.planner.RetryPlanner;
import dev.smartretry.planner.RetryPolicy;
import dev.smartretry.service.models.LiveModel;
import dev.smartretry.service.models.ServingModel;
import dev.smartretry.service.policy.Policy;
import dev.smartretry.service.policy.UnknownPolicyException;
import dev.smartretry.service.routing.PolicyResolver;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the next retry of one invoice, for the HTTP endpoint and the scheduler alike: resolves
 * its policy, takes the live model once (a model activated meanwhile serves the next decision,
 * never half of this one), and asks the planner, which applies the hard rules before any score.
 * Without a live model the planner follows the policy's schedule, with reason {@code fallback}. It
 * knows nothing of HTTP.
 */
@Singleton
public final class RetryDecider {
  private static final Logger LOG = LoggerFactory.getLogger(RetryDecider.class);

  private final PolicyResolver policies;
  private final ServingModel models;
  private final DecisionMetrics metrics;

  RetryDecider(PolicyResolver policies, ServingModel models, DecisionMetrics metrics) {
    this.policies = policies;
    this.models = models;
    this.metrics = metrics;
  }

  /**
   * The decision for {@code input}.
   *
   * @throws UnknownPolicyException if the policy it names, or is routed to, does not exist
   */
  public Decision decide(DecisionInput input) {
    return decide(input, false);
  }

  /**
   * The decision for {@code input}, explained when {@code explain} is set and a model chose the
   * time; explaining asks the model more but never changes the answer.
   *
   * @throws UnknownPolicyException if the policy it names, or is routed to, does not exist
   */
  public Decision decide(DecisionInput input, boolean explain) {
    long started = System.nanoTime();
    Policy policy = policies.resolve(input.policy(), input.facts());
    Optional<LiveModel> live = models.live();
    Arm arm =
        input.arm() != null
            ? input.arm()
            : ControlGroup.armOf(input.customerId(), policy.name(), policy.controlShare());
    ExplainedDecision explained =
        arm == Arm.CONTROL ? inControlGroup(input, policy) : byModel(input, policy, live, explain);
    RetryDecision retry = explained.decision();
    Decision decision =
        new Decision(
            retry, policy, live.map(LiveModel::version).orElse(null), arm, explained.explanation());
    metrics.record(
        retry.isRetry() ? "retry" : "stop", retry.reason().wireName(), System.nanoTime() - started);
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "invoice {}: {} at {} ({}), policy {}, model {}",
          input.invoiceId(),
          retry.isRetry() ? "retry" : "stop",
          retry.nextAttemptAt(),
          retry.reason().wireName(),
          policy.name(),
          decision.modelVersion());
    }
    return decision;
  }

  private static ExplainedDecision byModel(
      DecisionInput input, Policy policy, Optional<LiveModel> live, boolean explain) {
    RetryPlanner planner =
        new RetryPlanner(live.map(model -> model.model().success()).orElse(null));
    return explain
        ? planner.explain(input.context(), policy.toRetryPolicy(), input.asOf())
        : new ExplainedDecision(
            planner.decide(input.context(), policy.toRetryPolicy(), input.asOf()),
            Optional.empty());
  }

  /**
   * The control arm retries on the policy's schedule, under every hard rule the smart arm keeps; a
   * manual policy stays manual. No model is asked, so there is nothing to explain.
   */
  private static ExplainedDecision inControlGroup(DecisionInput input, Policy policy) {
    RetryPolicy limits = policy.toRetryPolicy();
    if (limits.mode() != RetryPolicy.Mode.MANUAL) {
      limits = limits.withMode(RetryPolicy.Mode.FIXED);
    }
    RetryDecision decision =
        new RetryPlanner(null).decide(input.context(), limits, input.asOf()).inControlGroup();
    return new ExplainedDecision(decision, Optional.empty());
  }
}
