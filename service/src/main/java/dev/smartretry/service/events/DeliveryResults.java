package dev.smartretry.service.events;

import dev.smartretry.service.clock.ServiceClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores what tries of deliveries came back with, a batch in one transaction: each try in the
 * delivery log, and its consequence: delivered; tried again after the next wait of {@link
 * DeliveryBackoff}; failed when no try is left; or, on 410, the endpoint disabled. A result is
 * stored only by the instance whose lease the delivery is under; one whose lease ran out (another
 * instance took the delivery over) is logged as a try and changes nothing else.
 */
@Singleton
final class DeliveryResults {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryResults.class);

  private final WebhookDeliveries deliveries;
  private final WebhookEndpoints endpoints;
  private final TransactionOperations<Connection> transactions;
  private final ServiceClock clock;
  private final ApplicationEventPublisher<DeliveryTried> publisher;
  private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
  private final MeterRegistry meters;

  DeliveryResults(
      WebhookDeliveries deliveries,
      WebhookEndpoints endpoints,
      TransactionOperations<Connection> transactions,
      ServiceClock clock,
      ApplicationEventPublisher<DeliveryTried> publisher,
      MeterRegistry meters) {
    this.deliveries = deliveries;
    this.endpoints = endpoints;
    this.transactions = transactions;
    this.clock = clock;
    this.publisher = publisher;
    this.meters = meters;
  }

  /** A try that {@code owner} made of {@code delivery} at {@code attemptedAt}. */
  record Sent(
      DueDelivery delivery,
      Instant attemptedAt,
      TryResult result,
      int durationMillis,
      String owner) {}

  void storeAll(List<Sent> results) {
    List<DeliveryTried> tried =
        transactions.executeWrite(
            status -> {
              Instant now = clock.instant();
              storeDelivered(results, now);
              return results.stream().map(sent -> store(sent, now)).toList();
            });
    for (DeliveryTried done : tried) {
      outcomes
          .computeIfAbsent(
              done.status(),
              status ->
                  Counter.builder("smart_retry_webhook_tries")
                      .description(
                          "Tries of event deliveries, by where they left the delivery: delivered,"
                              + " pending (tried again later) or failed")
                      .tag("delivery", status)
                      .register(meters))
          .increment();
      publisher.publishEvent(done);
    }
  }

  /** Stores the batch's deliveries that the endpoint took, in one statement. */
  private void storeDelivered(List<Sent> results, Instant now) {
    List<Sent> delivered =
        results.stream()
            .filter(
                sent ->
                    sent.result() instanceof TryResult.Answered answered && answered.delivered())
            .toList();
    if (delivered.isEmpty()) {
      return;
    }
    // One owner per instance: every result of a batch was got under this instance's leases.
    String owner = delivered.get(0).owner();
    long[] ids = new long[delivered.size()];
    int[] codes = new int[delivered.size()];
    long[] attemptedAt = new long[delivered.size()];
    int[] durations = new int[delivered.size()];
    for (int index = 0; index < delivered.size(); index++) {
      Sent sent = delivered.get(index);
      ids[index] = sent.delivery().deliveryId();
      codes[index] = ((TryResult.Answered) sent.result()).statusCode();
      attemptedAt[index] = ChronoUnit.MICROS.between(Instant.EPOCH, sent.attemptedAt());
      durations[index] = sent.durationMillis();
    }
    deliveries.deliveredAll(ids, codes, attemptedAt, durations, owner, now);
  }

  /** Stores one try; says what became of its delivery. */
  private DeliveryTried store(Sent sent, Instant now) {
    DueDelivery delivery = sent.delivery();
    int number = delivery.tries() + 1;
    Integer code =
        sent.result() instanceof TryResult.Answered answered ? answered.statusCode() : null;
    String error;
    if (sent.result() instanceof TryResult.Answered answered) {
      error = answered.delivered() ? null : "the endpoint answered " + answered.statusCode();
    } else {
      error = ((TryResult.NoAnswer) sent.result()).problem();
    }
    if (sent.result() instanceof TryResult.Answered answered && answered.delivered()) {
      // Stored with the batch's others by storeDelivered.
      return tried(delivery, WebhookDelivery.DELIVERED, code);
    }
    if (sent.result() instanceof TryResult.Answered answered && answered.gone()) {
      String reason = "the endpoint answered 410 Gone at " + now;
      deliveries.failedTry(
          delivery.deliveryId(),
          number,
          sent.attemptedAt(),
          code,
          error,
          sent.durationMillis(),
          null,
          sent.owner(),
          now);
      endpoints.disable(delivery.endpointId(), reason, now);
      endpoints.failPending(delivery.endpointId(), "the endpoint is disabled: " + reason, now);
      LOG.warn("Webhook endpoint {} answered 410 Gone: it is disabled", delivery.endpointId());
      return tried(delivery, WebhookDelivery.FAILED, code);
    }
    Optional<Duration> wait = DeliveryBackoff.after(number, ThreadLocalRandom.current());
    Instant next = wait.map(real -> now.plus(clock.clockTime(real))).orElse(null);
    deliveries.failedTry(
        delivery.deliveryId(),
        number,
        sent.attemptedAt(),
        code,
        error,
        sent.durationMillis(),
        next,
        sent.owner(),
        now);
    return tried(delivery, next == null ? WebhookDelivery.FAILED : WebhookDelivery.PENDING, code);
  }

  private static DeliveryTried tried(DueDelivery delivery, String status, Integer code) {
    return new DeliveryTried(
        DeliveryJson.PREFIX + delivery.deliveryId(),
        delivery.eventId(),
        delivery.endpointId(),
        status,
        code);
  }
}
