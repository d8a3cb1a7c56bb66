package dev.smartretry.service.events;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;

/** The {@code plan_events} table (migration V9), written only through the {@link Outbox}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface PlanEventRows extends GenericRepository<PlanEventRow, String> {
  /** The sequence number of the plan's last event; 0 before its first. */
  @Query("select coalesce(max(sequence), 0) from plan_events where plan_id = :planId")
  int lastSequence(long planId);

  /** Whether any endpoint is enabled: without one, no event is written. */
  @Query("select exists (select 1 from webhook_endpoints where status = 'enabled')")
  boolean anyEnabledEndpoint();

  @Query(
      "insert into plan_events (id, plan_id, sequence, type, body, created_at)"
          + " values (:id, :planId, :sequence, :type, :body, :now)")
  void insert(String id, long planId, int sequence, String type, String body, Instant now);

  /**
   * Makes a pending delivery of the event, due at once, to every enabled endpoint that wants its
   * type.
   */
  @Query(
      "insert into webhook_deliveries"
          + " (event_id, endpoint_id, status, next_attempt_at, created_at, updated_at)"
          + " select :eventId, id, 'pending', :now, :now, :now from webhook_endpoints"
          + " where status = 'enabled' and (events @> '[\"*\"]'"
          + " or events @> jsonb_build_array(cast(:type as text)))")
  int fanOut(String eventId, String type, Instant now);
}
