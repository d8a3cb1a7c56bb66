package dev.smartretry.service.plans;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The {@code payment_plans} table. Every change of a plan's state is one of the explicit updates
 * below, so that what each transition writes can be read in one place.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface PaymentPlans extends GenericRepository<PaymentPlan, Long> {
  PaymentPlan save(PaymentPlan plan);

  Optional<PaymentPlan> findByInvoiceId(String invoiceId);

  Optional<PaymentPlan> findById(long id);

  /** The plan, locked until the transaction ends: its changes take turns. */
  @Query("select * from payment_plans where invoice_id = :invoiceId for update")
  Optional<PaymentPlan> lockByInvoiceId(String invoiceId);

  /**
   * The plans, locked until the transaction ends, in the order of their ids, which every
   * transaction that locks several plans keeps, so that two cannot deadlock.
   */
  @Query("select * from payment_plans where id in (:ids) order by id for update")
  List<PaymentPlan> lockAll(Collection<Long> ids);

  /**
   * Up to {@code limit} plans whose retry is due at {@code now} and that no instance holds, the
   * longest due first, locked: instances claiming at once skip each other's rows instead of waiting
   * for them.
   */
  @Query(
      "select id as plan_id, invoice_id, retry_number, amount_minor, currency, scheduled_for,"
          + " next_attempt_at as due_at from payment_plans where status = 'scheduled'"
          + " and next_attempt_at <= :now"
          + " and (lease_expires_at is null or lease_expires_at <= :now)"
          + " order by next_attempt_at limit :limit for update skip locked")
  List<DueRetry> lockDue(Instant now, int limit);

  @Query(
      "update payment_plans set lease_owner = :owner, lease_expires_at = :until"
          + " where id in (:ids)")
  void lease(Collection<Long> ids, String owner, Instant until);

  /** When the next retry no instance holds comes due. */
  @Query(
      "select next_attempt_at from payment_plans where status = 'scheduled'"
          + " and (lease_expires_at is null or lease_expires_at <= :now)"
          + " order by next_attempt_at limit 1")
  Optional<Instant> nextDue(Instant now);

  /** A retry decision after a failed attempt: the next one is scheduled, the lease let go. */
  @Query(
      "update payment_plans set retry_number = :retryNumber,"
          + " retries_remaining = :retriesRemaining, deadline = :deadline,"
          + " success_probability = :successProbability,"
          + " selection_probability = :selectionProbability, reason = :reason,"
          + " model_version = :modelVersion, scheduled_for = :scheduledFor,"
          + " next_attempt_at = :scheduledFor, policy_name = :policyName,"
          + " applied_policy = coalesce(cast(:appliedPolicy as jsonb), applied_policy),"
          + " gateway_failures = 0,"
          + " lease_owner = null, lease_expires_at = null, updated_at = :now"
          + " where id = :id")
  void reschedule(
      long id,
      int retryNumber,
      int retriesRemaining,
      Instant deadline,
      @Nullable Double successProbability,
      double selectionProbability,
      String reason,
      @Nullable String modelVersion,
      Instant scheduledFor,
      String policyName,
      @Nullable String appliedPolicy,
      Instant now);

  /** A stop decision: the plan ends, with the policy's final action where one applies. */
  @Query(
      "update payment_plans set status = :status, stop_reason = :stopReason,"
          + " final_action = :finalAction, retry_number = :retryNumber,"
          + " retries_remaining = :retriesRemaining, deadline = :deadline,"
          + " success_probability = null, selection_probability = null, reason = :reason,"
          + " model_version = :modelVersion,"
          + " scheduled_for = null, next_attempt_at = null, policy_name = :policyName,"
          + " applied_policy = coalesce(cast(:appliedPolicy as jsonb), applied_policy),"
          + " lease_owner = null,"
          + " lease_expires_at = null, updated_at = :now where id = :id")
  void stop(
      long id,
      String status,
      String stopReason,
      @Nullable String finalAction,
      int retryNumber,
      int retriesRemaining,
      Instant deadline,
      String reason,
      @Nullable String modelVersion,
      String policyName,
      @Nullable String appliedPolicy,
      Instant now);

  /** The retry succeeded. */
  @Query(
      "update payment_plans set status = 'recovered', stop_reason = 'recovered',"
          + " recovered_at = :recoveredAt, next_attempt_at = null, lease_owner = null,"
          + " lease_expires_at = null, updated_at = :now where id = :id")
  void recovered(long id, Instant recoveredAt, Instant now);

  /**
   * The plan ends without a retry: settled elsewhere, or the gateway never gave an outcome. A call
   * under way keeps its lease until its outcome is stored.
   */
  @Query(
      "update payment_plans set status = 'resolved', stop_reason = :resolution,"
          + " next_attempt_at = null, updated_at = :now where id = :id")
  void resolved(long id, String resolution, Instant now);

  /** The gateway gave no outcome until 24 hours past the deadline: the plan gives up on it. */
  @Query(
      "update payment_plans set status = 'exhausted', stop_reason = 'gateway_unreachable',"
          + " final_action = :finalAction, next_attempt_at = null, last_error = :lastError,"
          + " gateway_failures = gateway_failures + 1, lease_owner = null,"
          + " lease_expires_at = null, updated_at = :now where id = :id")
  void unreachable(long id, String finalAction, String lastError, Instant now);

  /** The gateway gave no outcome: the same retry is called again at {@code nextAttemptAt}. */
  @Query(
      "update payment_plans set next_attempt_at = :nextAttemptAt,"
          + " gateway_failures = gateway_failures + 1, last_error = :lastError,"
          + " lease_owner = null, lease_expires_at = null, updated_at = :now where id = :id")
  void callAgainLater(long id, Instant nextAttemptAt, String lastError, Instant now);

  /** Lets go of a plan's lease, whatever became of it meanwhile. */
  @Query(
      "update payment_plans set lease_owner = null, lease_expires_at = null"
          + " where id = :id and lease_owner = :owner")
  void release(long id, String owner);

  /** Newest first, from just after the cursor {@code (createdAt, id)}. */
  @Query(
      "select * from payment_plans where (created_at, id) < (:createdAt, :id)"
          + " order by created_at desc, id desc limit :limit")
  List<PaymentPlan> newest(Instant createdAt, long id, int limit);

  @Query(
      "select * from payment_plans where status = :status and (created_at, id) < (:createdAt, :id)"
          + " order by created_at desc, id desc limit :limit")
  List<PaymentPlan> newestWithStatus(String status, Instant createdAt, long id, int limit);

  @Query("select count(*) from payment_plans where status = 'scheduled'")
  long countScheduled();

  @Query(
      "select count(*) from payment_plans where status = 'scheduled' and next_attempt_at <= :now")
  long countDue(Instant now);

  @Query(
      "select min(next_attempt_at) from payment_plans where status = 'scheduled'"
          + " and next_attempt_at <= :now")
  Optional<Instant> oldestDue(Instant now);
}
