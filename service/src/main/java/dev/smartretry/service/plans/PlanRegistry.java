package dev.smartretry.service.plans;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.smartretry.service.decision.Decision;
import dev.smartretry.service.decision.DecisionInput;
import dev.smartretry.service.decision.RetryDecider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The managed flow's requests, without HTTP: register a failed invoice, read its plan, list plans,
 * resolve one. A registration is decided before it is stored, so a plan always holds a decision.
 */
@Singleton
final class PlanRegistry {
  // PostgreSQL's error for a duplicate key.
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String PLANS_INVOICE_KEY = "payment_plans_invoice_id_key";

  private final RetryDecider decider;
  private final PaymentPlans plans;
  private final Attempts attempts;
  private final TransactionOperations<Connection> transactions;
  private final PlanEvents events;
  private final PlanEventWriter eventsOut;
  private final Clock clock;

  PlanRegistry(
      RetryDecider decider,
      PaymentPlans plans,
      Attempts attempts,
      TransactionOperations<Connection> transactions,
      PlanEvents events,
      PlanEventWriter eventsOut,
      Clock clock) {
    this.decider = decider;
    this.plans = plans;
    this.attempts = attempts;
    this.transactions = transactions;
    this.events = events;
    this.eventsOut = eventsOut;
    this.clock = clock;
  }

  /** A plan and whether this registration created it. */
  record Registration(PlanJson plan, boolean created) {}

  /**
   * Registers a failed invoice, or finds it registered. Two registrations of one invoice at once,
   * on any instances, make one plan.
   *
   * @throws PlanException.Conflict if it was registered with other attempts
   */
  Registration register(DecisionInput input) {
    Decision decision = decider.decideManaged(input);
    PaymentPlan plan = PlanDecisions.newPlan(input, decision, clock.instant());
    try {
      Registration registration =
          transactions.executeWrite(
              status ->
                  existing(input)
                      .orElseGet(
                          () -> {
                            PaymentPlan saved = plans.save(plan);
                            List<StoredAttempt> stored =
                                attempts.saveAll(
                                    PlanDecisions.registeredAttempts(input, plan.createdAt()));
                            eventsOut.registered(saved.id());
                            return new Registration(PlanJson.of(saved, stored), true);
                          }));
      if (registration.created()) {
        events.changed(plan, PlanChanged.Change.REGISTERED, !plan.isScheduled());
      }
      return registration;
    } catch (DataAccessException e) {
      Optional<String> duplicate = duplicateKey(e);
      if (duplicate.isEmpty()) {
        throw e;
      }
      if (!duplicate.get().equals(PLANS_INVOICE_KEY)) {
        throw new PlanException.Conflict(
            "The invoice "
                + input.invoiceId()
                + " already has attempts reported by the billing system's own retries.");
      }
      // Registered by another request at the same moment: that plan is the one.
      return transactions
          .executeRead(status -> existing(input))
          .orElseThrow(() -> new IllegalStateException("a duplicate plan that is not there"));
    }
  }

  private Optional<Registration> existing(DecisionInput input) {
    return plans
        .findByInvoiceId(input.invoiceId())
        .map(
            plan -> {
              List<StoredAttempt> stored =
                  attempts.findByInvoiceIdOrderByAttemptNumber(plan.invoiceId());
              if (!PlanDecisions.sameAttempts(plan, stored, input)) {
                throw new PlanException.Conflict(
                    "The invoice "
                        + input.invoiceId()
                        + " is registered already, with other attempts; a registration is"
                        + " repeated with the same attempts.");
              }
              return new Registration(PlanJson.of(plan, stored), false);
            });
  }

  /** The plan of {@code invoiceId}. */
  PlanJson find(String invoiceId) {
    return transactions.executeRead(
        status ->
            plans
                .findByInvoiceId(invoiceId)
                .map(
                    plan ->
                        PlanJson.of(plan, attempts.findByInvoiceIdOrderByAttemptNumber(invoiceId)))
                .orElseThrow(() -> new PlanException.NotFound(invoiceId)));
  }

  /**
   * A page of plans, newest first, as the API shows it.
   *
   * @param next the cursor of the next page; null on the last page
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Page(List<PlanJson> data, @Nullable String next) {}

  Page list(@Nullable PlanStatus status, PlanCursor after, int limit) {
    return transactions.executeRead(
        s -> {
          List<PaymentPlan> rows =
              status == null
                  ? plans.newest(after.createdAt(), after.id(), limit + 1)
                  : plans.newestWithStatus(
                      status.wireName(), after.createdAt(), after.id(), limit + 1);
          List<PaymentPlan> page = rows.subList(0, Math.min(limit, rows.size()));
          Map<String, List<StoredAttempt>> byInvoice = new LinkedHashMap<>();
          page.forEach(plan -> byInvoice.put(plan.invoiceId(), new ArrayList<>()));
          if (!page.isEmpty()) {
            attempts
                .ofInvoices(byInvoice.keySet())
                .forEach(attempt -> byInvoice.get(attempt.invoiceId()).add(attempt));
          }
          String next =
              rows.size() > limit ? PlanCursor.after(page.get(page.size() - 1)).text() : null;
          return new Page(
              page.stream()
                  .map(plan -> PlanJson.of(plan, byInvoice.get(plan.invoiceId())))
                  .toList(),
              next);
        });
  }

  /**
   * Settles the invoice elsewhere: no retry runs after this; a call under way finishes, and its
   * outcome is recorded, but cannot reopen the plan. A final plan is returned as it is.
   */
  PlanJson resolve(String invoiceId, StopReason resolution) {
    Optional<PaymentPlan> resolved =
        transactions.executeWrite(
            status -> {
              PaymentPlan plan =
                  plans
                      .lockByInvoiceId(invoiceId)
                      .orElseThrow(() -> new PlanException.NotFound(invoiceId));
              if (!plan.isScheduled()) {
                return Optional.empty();
              }
              plans.resolved(plan.id(), resolution.wireName(), clock.instant());
              eventsOut.ended(plan.id());
              return plans.findByInvoiceId(invoiceId);
            });
    resolved.ifPresent(plan -> events.changed(plan, PlanChanged.Change.RESOLVED, true));
    return find(invoiceId);
  }

  /** The constraint a duplicate key broke, if that is what {@code e} comes from. */
  private static Optional<String> duplicateKey(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof PSQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        ServerErrorMessage server = sql.getServerErrorMessage();
        return Optional.of(server == null ? "" : String.valueOf(server.getConstraint()));
      }
    }
    return Optional.empty();
  }
}
