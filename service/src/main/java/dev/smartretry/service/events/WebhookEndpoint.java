package dev.smartretry.service.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.List;

/**
 * A row of {@code webhook_endpoints} (migration V9, which says what each column means). Immutable;
 * changes are the explicit updates of {@link WebhookEndpoints}.
 */
@MappedEntity("webhook_endpoints")
record WebhookEndpoint(
    @Id String id,
    String url,
    @TypeDef(type = DataType.JSON) List<String> events,
    String status,
    @Nullable String disabledReason,
    String secretSealed,
    @Nullable String previousSecretSealed,
    @Nullable Instant previousSecretExpiresAt,
    Instant createdAt,
    Instant updatedAt) {
  static final String ENABLED = "enabled";
  static final String DISABLED = "disabled";
}
