package dev.smartretry.service.events;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code webhook_endpoints} table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface WebhookEndpoints extends GenericRepository<WebhookEndpoint, String> {
  WebhookEndpoint save(WebhookEndpoint endpoint);

  Optional<WebhookEndpoint> findById(String id);

  @Query("select * from webhook_endpoints order by created_at, id")
  List<WebhookEndpoint> all();

  @Query("select count(*) from webhook_endpoints")
  long count();

  /** Deletes the endpoint and, with it, its deliveries; says whether it was there. */
  @Query("delete from webhook_endpoints where id = :id")
  int delete(String id);

  /** A new secret; the one it replaces signs beside it until {@code previousExpiresAt}. */
  @Query(
      "update webhook_endpoints set previous_secret_sealed = secret_sealed,"
          + " previous_secret_expires_at = :previousExpiresAt, secret_sealed = :secretSealed,"
          + " updated_at = :now where id = :id")
  int rotate(String id, String secretSealed, Instant previousExpiresAt, Instant now);

  /** The endpoint said it is gone (410): nothing more is sent to it. */
  @Query(
      "update webhook_endpoints set status = 'disabled', disabled_reason = :reason,"
          + " updated_at = :now where id = :id and status = 'enabled'")
  void disable(String id, String reason, Instant now);

  /** The deliveries still waiting for a disabled endpoint fail, with the reason. */
  @Query(
      "update webhook_deliveries set status = 'failed', next_attempt_at = null,"
          + " last_error = :reason, updated_at = :now where endpoint_id = :id"
          + " and status = 'pending' and lease_owner is null")
  void failPending(String id, String reason, Instant now);
}
