package dev.smartretry.service.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A delivery as the delivery log shows it: the event, the endpoint, where the delivery stands and
 * every try with the endpoint's status code.
 *
 * @param id {@code whd_} and a number
 * @param status {@code pending}, {@code delivered} or {@code failed}
 * @param nextAttemptAt when the next try is due; null unless pending
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record DeliveryJson(
    String id,
    String eventId,
    String eventType,
    String invoiceId,
    int sequence,
    String endpoint,
    String status,
    @Nullable Instant nextAttemptAt,
    List<TryJson> attempts,
    Instant createdAt,
    Instant updatedAt) {
  static final String PREFIX = "whd_";

  /**
   * One try.
   *
   * @param statusCode the endpoint's answer; null when it gave none
   * @param error why the try failed; null when it delivered
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record TryJson(
      Instant attemptedAt,
      @Nullable Integer statusCode,
      @Nullable String error,
      int durationMillis) {}

  static DeliveryJson of(DeliveryRow row, List<DeliveryTry> tries) {
    return new DeliveryJson(
        PREFIX + row.id(),
        row.eventId(),
        row.eventType(),
        row.invoiceId(),
        row.sequence(),
        row.endpointId(),
        row.status(),
        row.nextAttemptAt(),
        tries.stream()
            .map(t -> new TryJson(t.attemptedAt(), t.statusCode(), t.error(), t.durationMillis()))
            .toList(),
        row.createdAt(),
        row.updatedAt());
  }
}
