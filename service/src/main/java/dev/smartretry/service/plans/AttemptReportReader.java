package dev.smartretry.service.plans;

import dev.smartretry.history.Outcome;
import dev.smartretry.history.ValueRules;
import dev.smartretry.service.decision.DecisionInput;
import dev.smartretry.service.decision.DecisionRequest;
import dev.smartretry.service.decision.DecisionRequestReader;
import dev.smartretry.service.problem.FieldError;
import dev.smartretry.service.problem.ServiceProblem;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link AttemptReport}: its own fields here, the invoice's through {@link
 * DecisionRequestReader}, so that files, decisions and reports follow one set of value rules.
 */
@Singleton
final class AttemptReportReader {
  private final DecisionRequestReader reader;

  AttemptReportReader(DecisionRequestReader reader) {
    this.reader = reader;
  }

  /**
   * The report's own fields, and its invoice's by the rules of a decision request (one set of value
   * rules), every problem at once.
   */
  ReportedAttempt read(AttemptReport report, Instant now) {
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
    Instant attemptedAt =
        DecisionRequestReader.instant(errors, "attempted_at", report.attemptedAt());
    if (attemptedAt != null && attemptedAt.isAfter(now)) {
      errors.add(new FieldError("attempted_at", "is in the future by the service's clock"));
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
    if (advice != null && !ValueRules.networkAdviceCode(advice)) {
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
    return new ReportedAttempt(
        invoice,
        number,
        attemptedAt,
        outcome,
        outcome == Outcome.FAILED ? ValueRules.declineCode(declineCode).wireName() : null,
        report.devices24h(),
        advice);
  }

  /**
   * The decision at the reported attempt's time, as a billing system asking section 1 would have
   * sent it: the stored attempts, then this failed one.
   */
  DecisionInput decisionAfter(
      AttemptReport report, List<StoredAttempt> stored, ReportedAttempt attempt, Instant now) {
    List<DecisionRequest.Attempt> history = new ArrayList<>();
    stored.forEach(
        past ->
            history.add(
                new DecisionRequest.Attempt(
                    past.attemptedAt().toString(), past.declineCode(), past.networkAdviceCode())));
    history.add(
        new DecisionRequest.Attempt(
            attempt.attemptedAt().toString(), attempt.declineCode(), attempt.networkAdviceCode()));
    return reader.forDecision(
        asDecisionRequest(report, history, attempt.devices24h(), attempt.attemptedAt().toString()),
        now);
  }

  static DecisionRequest asDecisionRequest(
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
}
