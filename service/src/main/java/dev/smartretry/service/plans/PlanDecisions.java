package dev.smartretry.service.plans;

import dev.smartretry.features.DecisionContext;
import dev.smartretry.features.PastAttempt;
import dev.smartretry.history.BillingInterval;
import dev.smartretry.history.Card;
import dev.smartretry.history.CardBrand;
import dev.smartretry.history.CardFunding;
import dev.smartretry.history.Outcome;
import dev.smartretry.history.ValueRules;
import dev.smartretry.planner.RetryDecision;
import dev.smartretry.service.decision.Arm;
import dev.smartretry.service.decision.Decision;
import dev.smartretry.service.decision.DecisionInput;
import dev.smartretry.service.policy.Policy;
import dev.smartretry.service.policy.PolicyChoice;
import dev.smartretry.service.policy.PolicyJson;
import dev.smartretry.service.routing.InvoiceFacts;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Between stored plans and decisions: the plan and attempts a registration writes, and the input
 * that decides a stored plan again after an outcome. Stored values were checked on the way in, so
 * reading them back cannot fail on a value the API accepted.
 */
final class PlanDecisions {
  private PlanDecisions() {}

  /** The plan of a registration, with its first decision. */
  static PaymentPlan newPlan(DecisionInput input, Decision decision, Instant now) {
    DecisionContext context = input.context();
    RetryDecision retry = decision.retry();
    Optional<StopReason> stop =
        retry.isRetry() ? Optional.empty() : Optional.of(StopReason.of(retry.reason()));
    return new PaymentPlan(
        null,
        input.invoiceId(),
        input.customerId(),
        context.amountMinor(),
        context.currency(),
        context.billingInterval().wireName(),
        context.timezone().getId(),
        boxed(context.customerTenureDays()),
        context.card().brand().wireName(),
        context.card().funding().wireName(),
        context.card().country(),
        context.card().issuerId().orElse(null),
        input.facts().metadata(),
        decision.policy().name(),
        input.policy().inline() != null,
        PolicyJson.of(decision.policy()),
        decision.arm().wireName(),
        context.attempts().size(),
        context.attempts().get(0).attemptedAt(),
        context.attempts().get(0).declineCode().wireName(),
        stop.map(StopReason::status).orElse(PlanStatus.SCHEDULED).wireName(),
        retry.retryNumber(),
        retry.retriesRemaining(),
        retry.deadline(),
        retry.successProbability().isPresent() ? retry.successProbability().getAsDouble() : null,
        retry.isRetry() ? retry.selection().probability() : null,
        retry.reason().wireName(),
        decision.modelVersion(),
        retry.nextAttemptAt(),
        retry.nextAttemptAt(),
        null,
        stop.map(StopReason::wireName).orElse(null),
        stop.filter(StopReason::carriesFinalAction)
            .map(reason -> decision.policy().finalAction().wireName())
            .orElse(null),
        null,
        0,
        null,
        null,
        now,
        now);
  }

  /** The attempts a registration sent, all failed; the signals belong to the last of them. */
  static List<StoredAttempt> registeredAttempts(DecisionInput input, Instant now) {
    DecisionContext context = input.context();
    List<StoredAttempt> attempts = new ArrayList<>();
    for (int index = 0; index < context.attempts().size(); index++) {
      PastAttempt attempt = context.attempts().get(index);
      boolean last = index == context.attempts().size() - 1;
      attempts.add(
          new StoredAttempt(
              null,
              input.invoiceId(),
              index + 1,
              input.customerId(),
              attempt.attemptedAt(),
              context.attempts().get(0).attemptedAt(),
              context.amountMinor(),
              context.currency(),
              context.billingInterval().wireName(),
              context.timezone().getId(),
              boxed(context.customerTenureDays()),
              context.card().brand().wireName(),
              context.card().funding().wireName(),
              context.card().country(),
              context.card().issuerId().orElse(null),
              last ? boxed(context.lastDevices24h()) : null,
              Outcome.FAILED.wireName(),
              attempt.declineCode().wireName(),
              attempt.networkAdviceCode().orElse(null),
              AttemptSource.REGISTERED.wireName(),
              null,
              null,
              null,
              null,
              now));
    }
    return attempts;
  }

  /** Whether a repeated registration sent the attempts the first one stored. */
  static boolean sameAttempts(PaymentPlan plan, List<StoredAttempt> stored, DecisionInput input) {
    List<PastAttempt> sent = input.context().attempts();
    if (sent.size() != plan.registeredAttempts() || stored.size() < sent.size()) {
      return false;
    }
    for (int index = 0; index < sent.size(); index++) {
      PastAttempt attempt = sent.get(index);
      StoredAttempt kept = stored.get(index);
      if (!attempt.attemptedAt().equals(kept.attemptedAt())
          || !attempt.declineCode().wireName().equals(kept.declineCode())
          || !Objects.equals(attempt.networkAdviceCode().orElse(null), kept.networkAdviceCode())) {
        return false;
      }
    }
    return true;
  }

  /**
   * What deciding {@code plan} again at {@code asOf} takes: its invoice, its failed attempts (all
   * of its attempts with an outcome, or it would not be decided again), and its policy: its own, or
   * the stored policy it follows as that policy is now.
   */
  static DecisionInput input(PaymentPlan plan, List<KnownAttempt> attempts, Instant asOf) {
    List<PastAttempt> past = new ArrayList<>();
    Integer lastDevices = null;
    for (KnownAttempt attempt : attempts) {
      past.add(
          new PastAttempt(
              attempt.attemptedAt(),
              ValueRules.declineCode(attempt.declineCode()),
              Optional.ofNullable(attempt.networkAdviceCode())));
      lastDevices = attempt.devices24h();
    }
    BillingInterval interval = stored(BillingInterval.fromWireName(plan.billingInterval()));
    CardBrand brand = stored(CardBrand.fromWireName(plan.cardBrand()));
    CardFunding funding = stored(CardFunding.fromWireName(plan.cardFunding()));
    Card card = new Card(brand, funding, plan.cardCountry(), Optional.ofNullable(plan.issuerId()));
    DecisionContext context =
        new DecisionContext(
            plan.amountMinor(),
            plan.currency(),
            interval,
            ZoneId.of(plan.timezone()),
            plan.customerTenureDays() == null
                ? OptionalInt.empty()
                : OptionalInt.of(plan.customerTenureDays()),
            card,
            past,
            lastDevices == null ? OptionalInt.empty() : OptionalInt.of(lastDevices));
    InvoiceFacts facts =
        new InvoiceFacts(
            interval,
            plan.amountMinor(),
            plan.currency(),
            brand,
            funding,
            plan.cardCountry(),
            plan.metadata());
    PolicyChoice choice =
        plan.policyInline()
            ? PolicyChoice.inline(appliedPolicy(plan))
            : PolicyChoice.named(plan.policyName());
    Arm arm =
        Arm.fromWireName(plan.arm())
            .orElseThrow(() -> new IllegalStateException("Unknown arm in the database"));
    return new DecisionInput(
        plan.invoiceId(), plan.customerId(), context, facts, choice, asOf, arm);
  }

  /** The policy as it was applied at the plan's last decision. */
  static Policy appliedPolicy(PaymentPlan plan) {
    return plan.appliedPolicy().toPolicy(plan.policyName(), "");
  }

  private static <T> T stored(Optional<T> value) {
    return value.orElseThrow(
        () -> new IllegalStateException("the database holds an unknown value"));
  }

  private static Integer boxed(OptionalInt value) {
    return value.isPresent() ? value.getAsInt() : null;
  }
}
