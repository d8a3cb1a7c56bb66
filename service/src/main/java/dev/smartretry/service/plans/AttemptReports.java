package dev.smartretry.service.plans;

import dev.smartretry.features.DecisionContext;
import dev.smartretry.history.Outcome;
import dev.smartretry.service.decision.Arm;
import dev.smartretry.service.decision.Decision;
import dev.smartretry.service.decision.DecisionInput;
import dev.smartretry.service.decision.RetryDecider;
import dev.smartretry.service.problem.ServiceProblem;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
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
  private final AttemptReportReader checks;
  private final RetryDecider decider;
  private final Attempts attempts;
  private final ReportedInvoices invoices;
  private final PaymentPlans plans;
  private final TransactionOperations<Connection> transactions;
  private final PlanMetrics metrics;
  private final Clock clock;

  AttemptReports(
      AttemptReportReader checks,
      RetryDecider decider,
      Attempts attempts,
      ReportedInvoices invoices,
      PaymentPlans plans,
      TransactionOperations<Connection> transactions,
      PlanMetrics metrics,
      Clock clock) {
    this.checks = checks;
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
   * Stores the reported attempt, or finds it stored.
   *
   * @throws ServiceProblem 400 naming every invalid field
   * @throws PlanException.Conflict if it is out of order, contradicts what is stored, or the
   *     invoice is the scheduler's
   */
  Stored report(AttemptReport report) {
    Instant now = clock.instant();
    ReportedAttempt attempt = checks.read(report, now);
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

  private Stored store(AttemptReport report, ReportedAttempt attempt, Instant now) {
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
    StoredAttempt row = attempts.saveAll(List.of(attempt.row(firstFailedAt, now))).get(0);
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
      ReportedAttempt attempt,
      List<StoredAttempt> stored,
      Optional<ReportedInvoice> invoice,
      Instant now) {
    int retries = attempt.number() - 1;
    if (attempt.outcome() == Outcome.SUCCEEDED) {
      ReportedInvoice before = invoice.orElseThrow();
      return before.after(
          retries,
          PlanStatus.RECOVERED.wireName(),
          StopReason.RECOVERED.wireName(),
          before.deadline(),
          attempt.attemptedAt(),
          now);
    }
    DecisionInput input = checks.decisionAfter(report, stored, attempt, now);
    Arm arm = invoice.map(known -> Arm.fromWireName(known.arm()).orElseThrow()).orElse(null);
    Decision decision = decider.decide(input.withArm(arm));
    String status = PlanStatus.SCHEDULED.wireName();
    String stopReason = null;
    if (!decision.retry().isRetry()) {
      StopReason stop = StopReason.of(decision.retry().reason());
      status = stop.status().wireName();
      stopReason = stop.wireName();
    }
    if (invoice.isPresent()) {
      return invoice
          .get()
          .after(retries, status, stopReason, decision.retry().deadline(), null, now);
    }
    // The first attempt: the invoice as it describes it, under the policy and arm now drawn.
    DecisionContext facts = attempt.invoice().context();
    return new ReportedInvoice(
        report.invoiceId(),
        attempt.invoice().customerId(),
        facts.amountMinor(),
        facts.currency(),
        facts.timezone().getId(),
        facts.card().brand().wireName(),
        facts.card().funding().wireName(),
        facts.card().country(),
        attempt.attemptedAt(),
        attempt.declineCode(),
        retries,
        decision.policy().name(),
        decision.arm().wireName(),
        status,
        stopReason,
        decision.retry().deadline(),
        null,
        now,
        now);
  }

  /** A report of an attempt already stored: accepted if it says the same, else refused. */
  private Stored repeat(AttemptReport report, ReportedAttempt attempt, List<StoredAttempt> stored) {
    StoredAttempt kept = stored.get(attempt.number() - 1);
    if (!AttemptSource.REPORTED.wireName().equals(kept.source())) {
      refuseIfManaged(report.invoiceId());
    }
    List<String> differences = new ArrayList<>(attempt.invoiceDifferences(kept));
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
      AttemptReport report, ReportedAttempt attempt, List<StoredAttempt> stored) {
    List<String> differences = attempt.invoiceDifferences(stored.get(0));
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

  private void refuseIfManaged(String invoiceId) {
    if (plans.findByInvoiceId(invoiceId).isPresent()) {
      throw new PlanException.Conflict(
          "The invoice "
              + invoiceId
              + " is retried by the scheduler (POST /v1/payment-failures), which records its"
              + " attempts itself; reports are for invoices a billing system retries itself.");
    }
  }
}
