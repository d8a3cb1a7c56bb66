package dev.smartretry.service.decision;

import dev.smartretry.features.DecisionContext;
import dev.smartretry.service.policy.Policy;
import dev.smartretry.service.routing.InvoiceFacts;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Objects;

/**
 * A checked decision request: what the planner needs, and how to find the policy.
 *
 * @param policyName the stored policy the request names; null when it names none or sends one
 * @param inlinePolicy the policy the request sends; null when it sends none
 */
record DecisionInput(
    String invoiceId,
    DecisionContext context,
    Instant asOf,
    InvoiceFacts facts,
    @Nullable String policyName,
    @Nullable Policy inlinePolicy) {
  DecisionInput {
    Objects.requireNonNull(invoiceId, "invoiceId");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(facts, "facts");
  }
}
