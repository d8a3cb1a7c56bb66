package dev.smartretry.service.decision;

import dev.smartretry.features.DecisionContext;
import dev.smartretry.service.policy.PolicyChoice;
import dev.smartretry.service.routing.InvoiceFacts;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Objects;

/**
 * What deciding the next retry of an invoice needs, whoever asks: a billing system over HTTP, or
 * the scheduler after an outcome.
 *
 * @param context what is known of the invoice and its attempts, as the planner reads it
 * @param facts what routing rules look at
 * @param policy how the invoice chooses its policy
 * @param asOf the moment of the decision
 * @param arm the arm of the control group the invoice stays in (a stored plan's); null for a first
 *     decision, which the policy's control share assigns
 */
public record DecisionInput(
    String invoiceId,
    String customerId,
    DecisionContext context,
    InvoiceFacts facts,
    PolicyChoice policy,
    Instant asOf,
    @Nullable Arm arm) {
  public DecisionInput {
    Objects.requireNonNull(invoiceId, "invoiceId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(asOf, "asOf");
  }

  /** The same invoice decided in {@code other}, the arm it stays in; null to draw it. */
  public DecisionInput withArm(@Nullable Arm other) {
    return new DecisionInput(invoiceId, customerId, context, facts, policy, asOf, other);
  }

  /** The same invoice decided under another policy choice. */
  public DecisionInput withPolicy(PolicyChoice choice) {
    return new DecisionInput(invoiceId, customerId, context, facts, choice, asOf, arm);
  }
}
