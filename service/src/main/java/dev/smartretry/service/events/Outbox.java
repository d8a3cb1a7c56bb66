package dev.smartretry.service.events;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes a plan change's events, each with a delivery to every enabled endpoint that wants it, in
 * the transaction that makes the change: they commit with it or not at all. The caller holds the
 * plan's row lock (or has just inserted the plan), so its events' sequence numbers cannot race.
 */
@Singleton
public final class Outbox {
  private final PlanEventRows rows;
  private final JsonMapper json;
  private final Clock clock;
  private final AtomicBoolean deliveriesMade = new AtomicBoolean();

  Outbox(PlanEventRows rows, JsonMapper json, Clock clock) {
    this.rows = rows;
    this.json = json;
    this.clock = clock;
  }

  /**
   * An event to write.
   *
   * @param data the event's {@code data} besides {@code sequence}, which the outbox adds first;
   *     values must be serializable
   */
  public record Event(EventType type, Map<String, Object> data) {
    public Event {
      Objects.requireNonNull(type, "type");
      data = Map.copyOf(data);
    }
  }

  /**
   * Whether events are written at all: not while no endpoint is enabled, so that a service without
   * endpoints pays nothing for them. A plan's sequence numbers count the events written for it.
   */
  public boolean wanted() {
    return rows.anyEnabledEndpoint();
  }

  /**
   * Whether deliveries were made since the last call: the dispatcher, told of a committed change,
   * looks for due deliveries only then.
   */
  boolean takeDeliveriesMade() {
    return deliveriesMade.getAndSet(false);
  }

  /** Appends {@code events} to the plan's, in order, in the current transaction. */
  public void append(long planId, List<Event> events) {
    if (events.isEmpty()) {
      return;
    }
    int sequence = rows.lastSequence(planId);
    Instant now = clock.instant();
    for (Event event : events) {
      sequence++;
      String id = "evt_" + UUID.randomUUID().toString().replace("-", "");
      rows.insert(id, planId, sequence, event.type().wireName(), body(event, sequence, now), now);
      if (rows.fanOut(id, event.type().wireName(), now) > 0) {
        deliveriesMade.set(true);
      }
    }
  }

  private String body(Event event, int sequence, Instant now) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("sequence", sequence);
    // In a stable order, so that bodies read alike across events.
    event.data().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> data.put(entry.getKey(), entry.getValue()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", event.type().wireName());
    body.put("timestamp", now.toString());
    body.put("data", data);
    try {
      return json.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
