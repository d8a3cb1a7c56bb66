package dev.smartretry.service.plans;

import dev.smartretry.features.DecisionContext;
import dev.smartretry.history.Outcome;
import dev.smartretry.service.decision.DecisionInput;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A reported attempt (docs/http-api.md, section 2b) as {@link AttemptReportReader} checked it.
 *
 * @param invoice the invoice's fields as the value rules read them, with a stand-in history
 * @param declineCode as the value rules read it (an unknown code is {@code other}); null exactly
 *     when the attempt succeeded
 */
record ReportedAttempt(
    DecisionInput invoice,
    int number,
    Instant attemptedAt,
    Outcome outcome,
    @Nullable String declineCode,
    @Nullable Integer devices24h,
    @Nullable String networkAdviceCode) {

  /** The attempt as a row of {@code attempts}, of the invoice whose first failure is given. */
  StoredAttempt row(Instant firstFailedAt, Instant now) {
    DecisionContext facts = invoice.context();
    return new StoredAttempt(
        null,
        invoice.invoiceId(),
        number,
        invoice.customerId(),
        attemptedAt,
        firstFailedAt,
        facts.amountMinor(),
        facts.currency(),
        facts.billingInterval().wireName(),
        facts.timezone().getId(),
        facts.customerTenureDays().isPresent() ? facts.customerTenureDays().getAsInt() : null,
        facts.card().brand().wireName(),
        facts.card().funding().wireName(),
        facts.card().country(),
        facts.card().issuerId().orElse(null),
        devices24h,
        outcome.wireName(),
        declineCode,
        networkAdviceCode,
        AttemptSource.REPORTED.wireName(),
        null,
        null,
        // The billing system's own retry: no planner of ours drew its time.
        null,
        null,
        now);
  }

  /** The invoice's own facts that differ between a report and a stored attempt. */
  List<String> invoiceDifferences(StoredAttempt kept) {
    List<String> differences = new ArrayList<>();
    DecisionContext sent = invoice.context();
    if (!kept.customerId().equals(invoice.customerId())) {
      differences.add("customer_id (stored: " + kept.customerId() + ")");
    }
    if (kept.amountMinor() != sent.amountMinor()) {
      differences.add("amount_minor (stored: " + kept.amountMinor() + ")");
    }
    if (!kept.currency().equals(sent.currency())) {
      differences.add("currency (stored: " + kept.currency() + ")");
    }
    if (!kept.cardBrand().equals(sent.card().brand().wireName())
        || !kept.cardFunding().equals(sent.card().funding().wireName())
        || !kept.cardCountry().equals(sent.card().country())) {
      differences.add(
          "card (stored: "
              + kept.cardBrand()
              + " "
              + kept.cardFunding()
              + " from "
              + kept.cardCountry()
              + ")");
    }
    return differences;
  }
}
