package dev.smartretry.service.events;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The event types of docs/http-api.md, section 7, with the names endpoints subscribe to. */
public enum EventType {
  PAYMENT_FAILURE_REGISTERED("payment_failure.registered"),
  /** A new next retry time was decided. */
  RETRY_SCHEDULED("retry.scheduled"),
  /** A retry's outcome came back; the event's data carries it. */
  RETRY_ATTEMPTED("retry.attempted"),
  INVOICE_RECOVERED("invoice.recovered"),
  /** Retries or time ran out: the billing system carries out the policy's final action. */
  INVOICE_RETRIES_EXHAUSTED("invoice.retries_exhausted"),
  /** A hard decline or forbidding network advice ended the plan. */
  INVOICE_RETRY_STOPPED("invoice.retry_stopped"),
  /** Settled elsewhere. */
  INVOICE_RESOLVED("invoice.resolved"),
  /** A manual policy: a person, not the scheduler, should handle the invoice. */
  INVOICE_NEEDS_ATTENTION("invoice.needs_attention");

  /** What an endpoint subscribes to for every type. */
  public static final String ALL = "*";

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<EventType> fromWireName(String name) {
    return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(EventType::wireName).toList();
  }
}
