package dev.smartretry.service.events;

import dev.smartretry.service.problem.ServiceProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The deliveries, newest first, with their tries; and sending one again by hand. */
@Singleton
final class DeliveryLog {
  private final WebhookDeliveries deliveries;
  private final TransactionOperations<Connection> transactions;
  private final WebhookDispatcher dispatcher;
  private final Clock clock;

  DeliveryLog(
      WebhookDeliveries deliveries,
      TransactionOperations<Connection> transactions,
      WebhookDispatcher dispatcher,
      Clock clock) {
    this.deliveries = deliveries;
    this.transactions = transactions;
    this.dispatcher = dispatcher;
    this.clock = clock;
  }

  /**
   * A page of deliveries.
   *
   * @param next the cursor of the next page; null on the last page
   */
  @Serdeable
  record Page(List<DeliveryJson> data, @Nullable String next) {}

  Page list(@Nullable String endpoint, @Nullable String status, long before, int limit) {
    return transactions.executeRead(
        s -> {
          List<DeliveryRow> rows = deliveries.newest(endpoint, status, before, limit + 1);
          List<DeliveryRow> page = rows.subList(0, Math.min(limit, rows.size()));
          List<DeliveryJson> data = withTries(page);
          String next =
              rows.size() > limit ? DeliveryJson.PREFIX + page.get(page.size() - 1).id() : null;
          return new Page(data, next);
        });
  }

  Optional<DeliveryJson> find(long id) {
    return transactions.executeRead(
        s -> deliveries.row(id).map(row -> withTries(List.of(row)).get(0)));
  }

  /**
   * Sends the delivery again now: a pending one sooner, a delivered or failed one once more.
   *
   * @throws ServiceProblem 404 if there is no such delivery; 409 if its endpoint is disabled or a
   *     try of it is under way
   */
  DeliveryJson sendAgain(long id) {
    String refusal =
        transactions.executeWrite(
            s -> {
              Optional<Boolean> enabled = deliveries.endpointEnabled(id);
              if (enabled.isEmpty()) {
                throw ServiceProblem.notFound(
                    "There is no webhook delivery " + DeliveryJson.PREFIX + id + ".");
              }
              if (!enabled.get()) {
                return "Its endpoint is disabled; nothing is sent to a disabled endpoint.";
              }
              if (deliveries.sendAgain(id, clock.instant()) == 0) {
                return "A try of it is under way; its result decides what comes next.";
              }
              return null;
            });
    if (refusal != null) {
      throw ServiceProblem.conflict(refusal);
    }
    dispatcher.wake();
    return find(id).orElseThrow();
  }

  private List<DeliveryJson> withTries(List<DeliveryRow> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<Long, List<DeliveryTry>> tries = new LinkedHashMap<>();
    rows.forEach(row -> tries.put(row.id(), new ArrayList<>()));
    deliveries.triesOf(tries.keySet()).forEach(t -> tries.get(t.deliveryId()).add(t));
    return rows.stream().map(row -> DeliveryJson.of(row, tries.get(row.id()))).toList();
  }
}
