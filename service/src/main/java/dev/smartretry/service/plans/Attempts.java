package dev.smartretry.service.plans;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The {@code attempts} table: every attempt on every invoice, the history retraining reads. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface Attempts extends GenericRepository<StoredAttempt, Long> {
  List<StoredAttempt> saveAll(Iterable<StoredAttempt> attempts);

  List<StoredAttempt> findByInvoiceIdOrderByAttemptNumber(String invoiceId);

  /** The invoices' failed attempts, oldest first: what deciding their next retry reads. */
  @Query(
      "select invoice_id, attempted_at, decline_code, network_advice_code, devices_24h"
          + " from attempts where invoice_id in (:invoiceIds) and outcome = 'failed'"
          + " order by invoice_id, attempt_number")
  List<KnownAttempt> failedAttempts(Collection<String> invoiceIds);

  @Query(
      "select * from attempts where invoice_id in (:invoiceIds)"
          + " order by invoice_id, attempt_number")
  List<StoredAttempt> ofInvoices(Collection<String> invoiceIds);

  /**
   * The retries about to be called, as attempts under way (outcome null), copied from their plans.
   * One already there, from a claim whose lease ran out, stays as it is, untouched: updating it
   * would wait for a late outcome being stored, which locks the attempt before its plan, while this
   * claim holds the plan.
   */
  @Query(
      "insert into attempts (invoice_id, attempt_number, customer_id, attempted_at,"
          + " first_failed_at, amount_minor, currency, billing_interval, timezone,"
          + " customer_tenure_days, card_brand, card_funding, card_country, issuer_id, source,"
          + " scheduled_for, predicted_probability, selection_probability, model_version,"
          + " recorded_at)"
          + " select invoice_id, retry_number + 1, customer_id, :now, first_failed_at,"
          + " amount_minor, currency,"
          + " billing_interval, timezone, customer_tenure_days, card_brand, card_funding,"
          + " card_country, issuer_id, :source, scheduled_for, success_probability,"
          + " selection_probability, model_version, :now from payment_plans"
          + " where id in (:planIds)"
          + " on conflict (invoice_id, attempt_number) do nothing")
  void startCalls(Collection<Long> planIds, String source, Instant now);

  /**
   * Stores the outcome of an attempt under way.
   *
   * @return 1, or 0 if it was no longer under way: another instance stored the outcome first
   */
  @Query(
      "update attempts set outcome = :outcome, decline_code = :declineCode,"
          + " devices_24h = :devices24h, network_advice_code = :networkAdviceCode,"
          + " attempted_at = :attemptedAt, recorded_at = :now"
          + " where invoice_id = :invoiceId and attempt_number = :attemptNumber"
          + " and outcome is null")
  int recordOutcome(
      String invoiceId,
      int attemptNumber,
      String outcome,
      @Nullable String declineCode,
      @Nullable Integer devices24h,
      @Nullable String networkAdviceCode,
      Instant attemptedAt,
      Instant now);

  /** Forgets an attempt under way that never got an outcome. */
  @Query(
      "delete from attempts where invoice_id = :invoiceId and attempt_number = :attemptNumber"
          + " and outcome is null")
  void forgetCall(String invoiceId, int attemptNumber);
}
