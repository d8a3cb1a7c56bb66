package dev.smartretry.service.decision;

import dev.smartretry.planner.ExplainedDecision;
import dev.smartretry.planner.Exploration;
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
 *
 * <p>Only the retries the scheduler will run itself ({@link #decideManaged}) are explored, on the
 * smart arm, by the configured {@link ExplorationShare}: their outcome comes back to us with the
 * probability their time was chosen with. An answer of {@code POST /v1/retry-decisions} is never
 * explored: the caller may not run it, and nothing would record the probability with its outcome.
 */
@Singleton
public final class RetryDecider {
  private static final Logger LOG = LoggerFactory.getLogger(RetryDecider.class);

  private final PolicyResolver policies;
  private final ServingModel models;
  private final DecisionMetrics metrics;
  private final Exploration exploration;

  RetryDecider(
      PolicyResolver policies,
      ServingModel models,
      DecisionMetrics metrics,
      ExplorationShare exploration) {
    this.policies = policies;
    this.models = models;
    this.metrics = metrics;
    this.exploration = exploration.exploration();
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
    return decide(input, explain, Exploration.NONE);
  }

  /**
   * The decision for a retry the scheduler will run: explored by the configured share when the
   * model chooses its time, keyed by the invoice and retry number, so that deciding it again draws
   * the same.
   *
   * @throws UnknownPolicyException if the policy it names, or is routed to, does not exist
   */
  public Decision decideManaged(DecisionInput input) {
    return decide(input, false, exploration);
  }

  private Decision decide(DecisionInput input, boolean explain, Exploration explore) {
    long started = System.nanoTime();
    Policy policy = policies.resolve(input.policy(), input.facts());
    Optional<LiveModel> live = models.live();
    Arm arm =
        input.arm() != null
            ? input.arm()
            : ControlGroup.armOf(input.customerId(), policy.name(), policy.controlShare());
    ExplainedDecision explained =
        arm == Arm.CONTROL
            ? inControlGroup(input, policy)
            : byModel(input, policy, live, explain, explore);
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
      DecisionInput input,
      Policy policy,
      Optional<LiveModel> live,
      boolean explain,
      Exploration explore) {
    RetryPlanner planner =
        new RetryPlanner(live.map(model -> model.model().success()).orElse(null), explore);
    // Unexplored decisions are not keyed: the planner then never draws.
    String key = explore.isOn() ? input.invoiceId() : null;
    if (explain) {
      return planner.explain(input.context(), policy.toRetryPolicy(), input.asOf(), key);
    }
    RetryDecision decision =
        key == null
            ? planner.decide(input.context(), policy.toRetryPolicy(), input.asOf())
            : planner.decide(input.context(), policy.toRetryPolicy(), input.asOf(), key);
    return new ExplainedDecision(decision, Optional.empty());
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
