package dev.smartretry.service.plans;

import dev.smartretry.features.DecisionContext;
import dev.smartretry.history.Outcome;
import dev.smartretry.history.ValueRules;
import dev.smartretry.service.decision.Arm;
import dev.smartretry.service.decision.Decision;
import dev.smartretry.service.decision.DecisionInput;
import dev.smartretry.service.decision.DecisionRequest;
import dev.smartretry.service.decision.DecisionRequestReader;
import dev.smartretry.service.decision.RetryDecider;
import dev.smartretry.service.problem.FieldError;
import dev.smartretry.service.problem.ServiceProblem;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Attempts of billing systems that run their own retries (docs/http-api.md, section 2b), stored as
 * rows of {@code attempts} beside the scheduler's, so that metrics and retraining read one history.
 * Each report is checked against what is stored: attempts come in order, a repeat is accepted once,
 * a contradiction is refused. After each, the invoice is decided as a billing system asking section
 * 1 would have been at that moment, which says whether the policy still allows a retry: that, and
 * the arm of the control group the first decision drew, is what the metrics count it under.
 */
@Singleton
final class AttemptReports {
  private final DecisionRequestReader reader;
  private final RetryDecider decider;
  private final Attempts attempts;
  private final ReportedInvoices invoices;
  private final PaymentPlans plans;
  private final TransactionOperations<Connection> transactions;
  private final PlanMetrics metrics;
  private final Clock clock;

  AttemptReports(
      DecisionRequestReader reader,
      RetryDecider decider,
      Attempts attempts,
      ReportedInvoices invoices,
      PaymentPlans plans,
      TransactionOperations<Connection> transactions,
      PlanMetrics metrics,
      Clock clock) {
    this.reader = reader;
    this.decider = decider;
    this.attempts = attempts;
    this.invoices = invoices;
    this.plans = plans;
    this.transactions = transactions;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The stored attempt, and whether this report stored it. */
  record Stored(ReportedAttemptJson attempt, boolean created) {}

  /**
   * What a report says, checked.
   *
   * @param invoice the invoice's fields as the value rules read them, with a stand-in history
   */
  private record Attempt(
      DecisionInput invoice,
      int number,
      Instant attemptedAt,
      Outcome outcome,
      String declineCode,
      Integer devices24h,
      String networkAdviceCode) {}

  /**
   * Stores the reported attempt, or finds it stored.
   *
   * @throws ServiceProblem 400 naming every invalid field
   * @throws PlanException.Conflict if it is out of order, contradicts what is stored, or the
   *     invoice is the scheduler's
   */
  Stored report(AttemptReport report) {
    Instant now = clock.instant();
    Attempt attempt = checked(report, now);
    try {
      Stored stored = transactions.executeWrite(status -> store(report, attempt, now));
      if (stored.created()) {
        metrics.reported(
            attempt.number(),
            attempt.outcome().wireName(),
            stored.attempt().invoiceStatus(),
            attempt.invoice().context().amountMinor(),
            attempt.invoice().context().currency());
      }
      return stored;
    } catch (DataAccessException e) {
      // The same invoice reported (or registered) by another request at the same moment: what is
      // stored now decides, as for a repeat.
      return transactions.executeRead(
          status -> {
            refuseIfManaged(report.invoiceId());
            List<StoredAttempt> stored =
                attempts.findByInvoiceIdOrderByAttemptNumber(report.invoiceId());
            if (stored.size() < attempt.number()) {
              throw e;
            }
            return repeat(report, attempt, stored);
          });
    }
  }

  private Stored store(AttemptReport report, Attempt attempt, Instant now) {
    refuseIfManaged(report.invoiceId());
    Optional<ReportedInvoice> invoice = invoices.lockByInvoiceId(report.invoiceId());
    List<StoredAttempt> stored = attempts.findByInvoiceIdOrderByAttemptNumber(report.invoiceId());
    if (attempt.number() <= stored.size()) {
      return repeat(report, attempt, stored);
    }
    if (attempt.number() > stored.size() + 1) {
      throw new PlanException.Conflict(
          "Attempt "
              + (stored.size() + 1)
              + " of the invoice "
              + report.invoiceId()
              + " must be reported before attempt "
              + attempt.number()
              + ": attempts are reported in order, the original charge first.");
    }
    if (!stored.isEmpty()) {
      refuseIfContradicting(report, attempt, stored);
    }
    Instant firstFailedAt = stored.isEmpty() ? attempt.attemptedAt() : stored.get(0).attemptedAt();
    StoredAttempt row = attempts.saveAll(List.of(row(attempt, firstFailedAt, now))).get(0);
    ReportedInvoice state = decided(report, attempt, stored, invoice, now);
    if (invoice.isEmpty()) {
      invoices.save(state);
    } else {
      invoices.update(
          state.invoiceId(),
          state.retriesExecuted(),
          state.status(),
          state.stopReason(),
          state.deadline(),
          state.recoveredAt(),
          now);
    }
    return new Stored(ReportedAttemptJson.of(row, state), true);
  }

  /**
   * Where the invoice stands after this attempt: recovered by a success; else as the policy decides
   * at the attempt's time, in the arm the first decision drew.
   */
  private ReportedInvoice decided(
      AttemptReport report,
      Attempt attempt,
      List<StoredAttempt> stored,
      Optional<ReportedInvoice> invoice,
      Instant now) {
    Instant createdAt = invoice.map(ReportedInvoice::createdAt).orElse(now);
    DecisionContext facts = attempt.invoice().context();
    StoredAttempt first = stored.isEmpty() ? null : stored.get(0);
    Instant firstFailedAt = first == null ? attempt.attemptedAt() : first.attemptedAt();
    String firstDeclineCode = first == null ? attempt.declineCode() : first.declineCode();
    int retries = attempt.number() - 1;
    if (attempt.outcome() == Outcome.SUCCEEDED) {
      ReportedInvoice before = invoice.orElseThrow();
      return new ReportedInvoice(
          report.invoiceId(),
          before.customerId(),
          before.amountMinor(),
          before.currency(),
          before.timezone(),
          before.cardBrand(),
          before.cardFunding(),
          before.cardCountry(),
          before.firstFailedAt(),
          before.firstDeclineCode(),
          retries,
          before.policyName(),
          before.arm(),
          PlanStatus.RECOVERED.wireName(),
          StopReason.RECOVERED.wireName(),
          before.deadline(),
          attempt.attemptedAt(),
          createdAt,
          now);
    }
    List<DecisionRequest.Attempt> history = new ArrayList<>();
    stored.forEach(
        past ->
            history.add(
                new DecisionRequest.Attempt(
                    past.attemptedAt().toString(), past.declineCode(), past.networkAdviceCode())));
    history.add(
        new DecisionRequest.Attempt(
            attempt.attemptedAt().toString(), attempt.declineCode(), attempt.networkAdviceCode()));
    DecisionInput input =
        reader.forDecision(
            asDecisionRequest(
                report, history, attempt.devices24h(), attempt.attemptedAt().toString()),
            now);
    Arm arm = invoice.map(known -> Arm.fromWireName(known.arm()).orElseThrow()).orElse(null);
    Decision decision = decider.decide(input.withArm(arm));
    String status = PlanStatus.SCHEDULED.wireName();
    String stopReason = null;
    if (!decision.retry().isRetry()) {
      StopReason stop = StopReason.of(decision.retry().reason());
      status = stop.status().wireName();
      stopReason = stop.wireName();
    }
    return new ReportedInvoice(
        report.invoiceId(),
        attempt.invoice().customerId(),
        facts.amountMinor(),
        facts.currency(),
        facts.timezone().getId(),
        facts.card().brand().wireName(),
        facts.card().funding().wireName(),
        facts.card().country(),
        firstFailedAt,
        firstDeclineCode,
        retries,
        invoice.map(ReportedInvoice::policyName).orElse(decision.policy().name()),
        decision.arm().wireName(),
        status,
        stopReason,
        decision.retry().deadline(),
        null,
        createdAt,
        now);
  }

  /** A report of an attempt already stored: accepted if it says the same, else refused. */
  private Stored repeat(AttemptReport report, Attempt attempt, List<StoredAttempt> stored) {
    StoredAttempt kept = stored.get(attempt.number() - 1);
    if (!AttemptSource.REPORTED.wireName().equals(kept.source())) {
      refuseIfManaged(report.invoiceId());
    }
    List<String> differences = new ArrayList<>(invoiceDifferences(attempt, kept));
    if (!kept.attemptedAt().equals(attempt.attemptedAt())) {
      differences.add("attempted_at (stored: " + kept.attemptedAt() + ")");
    }
    if (!attempt.outcome().wireName().equals(kept.outcome())) {
      differences.add("outcome (stored: " + kept.outcome() + ")");
    }
    if (!Objects.equals(attempt.declineCode(), kept.declineCode())) {
      differences.add("decline_code (stored: " + kept.declineCode() + ")");
    }
    if (!Objects.equals(attempt.networkAdviceCode(), kept.networkAdviceCode())) {
      differences.add("network_advice_code (stored: " + kept.networkAdviceCode() + ")");
    }
    if (!differences.isEmpty()) {
      throw new PlanException.Conflict(
          "Attempt "
              + attempt.number()
              + " of the invoice "
              + report.invoiceId()
              + " is stored already, with another "
              + String.join(", ", differences)
              + "; a report is repeated as it was first sent.");
    }
    ReportedInvoice invoice = invoices.findByInvoiceId(report.invoiceId()).orElseThrow();
    return new Stored(ReportedAttemptJson.of(kept, invoice), false);
  }

  /** A later attempt must be of the same invoice as the first, after the one before it. */
  private static void refuseIfContradicting(
      AttemptReport report, Attempt attempt, List<StoredAttempt> stored) {
    List<String> differences = invoiceDifferences(attempt, stored.get(0));
    if (!differences.isEmpty()) {
      throw new PlanException.Conflict(
          "The invoice "
              + report.invoiceId()
              + " was reported with another "
              + String.join(", ", differences)
              + " in its earlier attempts.");
    }
    StoredAttempt previous = stored.get(stored.size() - 1);
    if (Outcome.SUCCEEDED.wireName().equals(previous.outcome())) {
      throw new PlanException.Conflict(
          "The invoice "
              + report.invoiceId()
              + " was recovered by attempt "
              + previous.attemptNumber()
              + "; no attempt follows a success.");
    }
    if (!attempt.attemptedAt().isAfter(previous.attemptedAt())) {
      throw new PlanException.Conflict(
          "Attempt "
              + attempt.number()
              + " of the invoice "
              + report.invoiceId()
              + " must be after attempt "
              + previous.attemptNumber()
              + ", made at "
              + previous.attemptedAt()
              + ".");
    }
  }

  /** The invoice's own facts that differ between a report and a stored attempt. */
  private static List<String> invoiceDifferences(Attempt attempt, StoredAttempt kept) {
    List<String> differences = new ArrayList<>();
    DecisionContext sent = attempt.invoice().context();
    if (!kept.customerId().equals(attempt.invoice().customerId())) {
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

  private void refuseIfManaged(String invoiceId) {
    if (plans.findByInvoiceId(invoiceId).isPresent()) {
      throw new PlanException.Conflict(
          "The invoice "
              + invoiceId
              + " is retried by the scheduler (POST /v1/payment-failures), which records its"
              + " attempts itself; reports are for invoices a billing system retries itself.");
    }
  }

  /**
   * The report's own fields, and its invoice's by the rules of a decision request (one set of value
   * rules), every problem at once.
   */
  private Attempt checked(AttemptReport report, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    Integer number = report.attemptNumber();
    if (number == null) {
      errors.add(new FieldError("attempt_number", "is required"));
    } else if (number < 1 || number > DecisionRequestReader.MAX_ATTEMPTS) {
      errors.add(
          new FieldError(
              "attempt_number",
              "must be between 1 (the original charge) and " + DecisionRequestReader.MAX_ATTEMPTS));
    }
    Instant attemptedAt = null;
    if (report.attemptedAt() == null) {
      errors.add(new FieldError("attempted_at", "is required"));
    } else {
      try {
        attemptedAt = Instant.parse(report.attemptedAt());
        if (attemptedAt.isAfter(now)) {
          errors.add(new FieldError("attempted_at", "is in the future by the service's clock"));
        }
      } catch (DateTimeParseException e) {
        errors.add(
            new FieldError(
                "attempted_at", "must be an ISO-8601 UTC instant, e.g. 2026-03-01T14:05:00Z"));
      }
    }
    Outcome outcome =
        report.outcome() == null ? null : Outcome.fromWireName(report.outcome()).orElse(null);
    if (outcome == null) {
      errors.add(new FieldError("outcome", "must be succeeded or failed"));
    } else if (outcome == Outcome.SUCCEEDED && Integer.valueOf(1).equals(number)) {
      errors.add(
          new FieldError(
              "outcome",
              "must be failed for attempt 1: the original charge failed, or there is nothing to"
                  + " retry"));
    }
    String declineCode = report.declineCode();
    if (outcome == Outcome.FAILED && (declineCode == null || declineCode.isBlank())) {
      errors.add(new FieldError("decline_code", "is required for a failed attempt"));
    } else if (outcome == Outcome.SUCCEEDED && declineCode != null) {
      errors.add(new FieldError("decline_code", "must be absent for a succeeded attempt"));
    }
    if (report.devices24h() != null && report.devices24h() < 0) {
      errors.add(new FieldError("devices_24h", "must not be negative"));
    }
    String advice = report.networkAdviceCode();
    if (advice != null && (advice.isBlank() || advice.length() > 8)) {
      errors.add(
          new FieldError("network_advice_code", "must be the network's code, e.g. 03, or absent"));
    }
    // The invoice's fields, read as a decision at the attempt's time would read them.
    String at = attemptedAt == null ? now.toString() : attemptedAt.toString();
    DecisionInput invoice = null;
    try {
      invoice =
          reader.forDecision(
              asDecisionRequest(
                  report, List.of(new DecisionRequest.Attempt(at, "other", null)), null, at),
              now);
    } catch (ServiceProblem invalid) {
      errors.addAll(invalid.errors());
    }
    if (!errors.isEmpty()) {
      throw ServiceProblem.invalid(errors);
    }
    return new Attempt(
        invoice,
        number,
        attemptedAt,
        outcome,
        outcome == Outcome.FAILED ? ValueRules.declineCode(declineCode).wireName() : null,
        report.devices24h(),
        advice);
  }

  private static DecisionRequest asDecisionRequest(
      AttemptReport report, List<DecisionRequest.Attempt> history, Integer devices, String asOf) {
    return new DecisionRequest(
        report.invoiceId(),
        report.customerId(),
        report.amountMinor(),
        report.currency(),
        report.billingInterval(),
        report.timezone(),
        report.customerTenureDays(),
        report.card(),
        new DecisionRequest.Signals(devices),
        history,
        report.policy(),
        asOf,
        report.metadata());
  }

  private static StoredAttempt row(Attempt attempt, Instant firstFailedAt, Instant now) {
    DecisionContext invoice = attempt.invoice().context();
    return new StoredAttempt(
        null,
        attempt.invoice().invoiceId(),
        attempt.number(),
        attempt.invoice().customerId(),
        attempt.attemptedAt(),
        firstFailedAt,
        invoice.amountMinor(),
        invoice.currency(),
        invoice.billingInterval().wireName(),
        invoice.timezone().getId(),
        invoice.customerTenureDays().isPresent() ? invoice.customerTenureDays().getAsInt() : null,
        invoice.card().brand().wireName(),
        invoice.card().funding().wireName(),
        invoice.card().country(),
        invoice.card().issuerId().orElse(null),
        attempt.devices24h(),
        attempt.outcome().wireName(),
        attempt.declineCode(),
        attempt.networkAdviceCode(),
        AttemptSource.REPORTED.wireName(),
        null,
        null,
        null,
        now);
  }
}
