package dev.smartretry.service.events;

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
 * The {@code webhook_deliveries} and {@code webhook_delivery_tries} tables. A delivery's state
 * changes are the explicit updates below, each guarded by the lease of the instance making the try.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface WebhookDeliveries extends GenericRepository<WebhookDelivery, Long> {
  Optional<WebhookDelivery> findById(long id);

  /**
   * Up to {@code limit} due deliveries that no instance holds, locked, the longest due first, at
   * most as many per enabled endpoint as leave it under {@code perEndpoint} tries under way across
   * all instances: a slow endpoint cannot take every place, so it delays only its own deliveries.
   */
  @Query(
      "select d.id as delivery_id, d.event_id, d.endpoint_id, d.tries, e.url, ev.body,"
          + " e.secret_sealed, e.previous_secret_sealed, e.previous_secret_expires_at"
          + " from webhook_endpoints e cross join lateral"
          + " (select x.id, x.event_id, x.endpoint_id, x.tries, x.next_attempt_at"
          + " from webhook_deliveries x where x.endpoint_id = e.id and x.status = 'pending'"
          + " and x.next_attempt_at <= :now"
          + " and (x.lease_expires_at is null or x.lease_expires_at <= :now)"
          + " order by x.next_attempt_at"
          + " limit greatest(0, :perEndpoint - (select count(*) from webhook_deliveries y"
          + " where y.endpoint_id = e.id and y.status = 'pending' and y.lease_owner is not null"
          + " and y.lease_expires_at > :now))"
          + " for update of x skip locked) d"
          + " join plan_events ev on ev.id = d.event_id"
          + " where e.status = 'enabled' order by d.next_attempt_at limit :limit")
  List<DueDelivery> lockDue(Instant now, int perEndpoint, int limit);

  @Query(
      "update webhook_deliveries set lease_owner = :owner, lease_expires_at = :until"
          + " where id in (:ids)")
  void lease(Collection<Long> ids, String owner, Instant until);

  /** When the next delivery comes due that no instance holds, to an endpoint with room. */
  @Query(
      "select min(d.next_attempt_at) from webhook_endpoints e cross join lateral"
          + " (select x.next_attempt_at from webhook_deliveries x where x.endpoint_id = e.id"
          + " and x.status = 'pending'"
          + " and (x.lease_expires_at is null or x.lease_expires_at <= :now)"
          + " order by x.next_attempt_at limit 1) d"
          + " where e.status = 'enabled' and (select count(*) from webhook_deliveries y"
          + " where y.endpoint_id = e.id and y.status = 'pending' and y.lease_owner is not null"
          + " and y.lease_expires_at > :now) < :perEndpoint")
  Optional<Instant> nextDue(Instant now, int perEndpoint);

  /**
   * The endpoints took these events: their tries are recorded and the deliveries are over, all in
   * one statement (the common case, so one round trip per batch rather than per delivery). The
   * arrays run in parallel; times are microseconds since the epoch. Only deliveries still under
   * {@code owner}'s lease change.
   */
  @Query(
      "with done as (select * from unnest(cast(array[:ids] as bigint[]),"
          + " cast(array[:statusCodes] as int[]), cast(array[:attemptedAtMicros] as bigint[]),"
          + " cast(array[:durationsMillis] as int[])) as x(id, status_code, attempted_micros,"
          + " duration_millis)),"
          + " mine as (select d.id, d.tries + 1 as tries, done.status_code,"
          + " timestamptz 'epoch' + done.attempted_micros * interval '1 microsecond' as attempted_at,"
          + " done.duration_millis from done join webhook_deliveries d on d.id = done.id"
          + " where d.lease_owner = :owner),"
          + " try as (insert into webhook_delivery_tries"
          + " (delivery_id, try, attempted_at, status_code, error, duration_millis)"
          + " select id, tries, attempted_at, status_code, null, duration_millis from mine"
          + " on conflict do nothing)"
          + " update webhook_deliveries d set status = 'delivered', tries = mine.tries,"
          + " next_attempt_at = null, last_status_code = mine.status_code, last_error = null,"
          + " lease_owner = null, lease_expires_at = null, updated_at = :now"
          + " from mine where d.id = mine.id")
  void deliveredAll(
      long[] ids,
      int[] statusCodes,
      long[] attemptedAtMicros,
      int[] durationsMillis,
      String owner,
      Instant now);

  /**
   * A try failed: it is recorded, and the next is due at {@code nextAttemptAt}, or, with none left
   * or the endpoint disabled meanwhile, the delivery has failed.
   */
  @Query(
      "with try as (insert into webhook_delivery_tries"
          + " (delivery_id, try, attempted_at, status_code, error, duration_millis)"
          + " values (:id, :tries, :attemptedAt, :statusCode, :error, :durationMillis)"
          + " on conflict do nothing)"
          + " update webhook_deliveries set tries = :tries, last_status_code = :statusCode,"
          + " last_error = :error,"
          + " status = case when cast(:nextAttemptAt as timestamptz) is not null and exists"
          + " (select 1 from webhook_endpoints e where e.id = endpoint_id"
          + " and e.status = 'enabled') then 'pending' else 'failed' end,"
          + " next_attempt_at = case when exists (select 1 from webhook_endpoints e"
          + " where e.id = endpoint_id and e.status = 'enabled')"
          + " then cast(:nextAttemptAt as timestamptz) end,"
          + " lease_owner = null, lease_expires_at = null, updated_at = :now"
          + " where id = :id and lease_owner = :owner")
  void failedTry(
      long id,
      int tries,
      Instant attemptedAt,
      @Nullable Integer statusCode,
      String error,
      int durationMillis,
      @Nullable Instant nextAttemptAt,
      String owner,
      Instant now);

  /**
   * Sends the delivery again now, whatever became of it; not while a try is under way.
   *
   * @return 0 when there is no such delivery or a try is under way
   */
  @Query(
      "update webhook_deliveries set status = 'pending', next_attempt_at = :now,"
          + " updated_at = :now where id = :id"
          + " and (lease_owner is null or lease_expires_at <= :now)")
  int sendAgain(long id, Instant now);

  /** Newest first, below the cursor's id, with the event each delivers. */
  @Query(
      "select d.id, d.event_id, ev.type as event_type, p.invoice_id, ev.sequence, d.endpoint_id,"
          + " d.status, d.tries, d.next_attempt_at, d.last_status_code, d.last_error,"
          + " d.created_at, d.updated_at"
          + " from webhook_deliveries d join plan_events ev on ev.id = d.event_id"
          + " join payment_plans p on p.id = ev.plan_id"
          + " where (cast(:endpoint as text) is null or d.endpoint_id = :endpoint)"
          + " and (cast(:status as text) is null or d.status = :status)"
          + " and d.id < :before order by d.id desc limit :limit")
  List<DeliveryRow> newest(
      @Nullable String endpoint, @Nullable String status, long before, int limit);

  /** One delivery, with the event it delivers. */
  @Query(
      "select d.id, d.event_id, ev.type as event_type, p.invoice_id, ev.sequence, d.endpoint_id,"
          + " d.status, d.tries, d.next_attempt_at, d.last_status_code, d.last_error,"
          + " d.created_at, d.updated_at"
          + " from webhook_deliveries d join plan_events ev on ev.id = d.event_id"
          + " join payment_plans p on p.id = ev.plan_id where d.id = :id")
  Optional<DeliveryRow> row(long id);

  /** Whether the delivery's endpoint is enabled; empty if there is no such delivery. */
  @Query(
      "select e.status = 'enabled' from webhook_deliveries d"
          + " join webhook_endpoints e on e.id = d.endpoint_id where d.id = :id")
  Optional<Boolean> endpointEnabled(long id);

  /** The tries of the deliveries, in order. */
  @Query(
      "select delivery_id, try as number, attempted_at, status_code, error, duration_millis"
          + " from webhook_delivery_tries where delivery_id in (:ids)"
          + " order by delivery_id, try")
  List<DeliveryTry> triesOf(Collection<Long> ids);
}
