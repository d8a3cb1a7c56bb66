package dev.smartretry.service.events;

import dev.smartretry.service.clock.ServiceClock;
import dev.smartretry.service.plans.PlanChanged;
import dev.smartretry.service.scheduler.DueWork;
import dev.smartretry.service.scheduler.DueWorkLoop;
import dev.smartretry.service.scheduler.ResultBatches;
import dev.smartretry.service.scheduler.SchedulerInstance;
import dev.smartretry.service.scheduler.SchedulerSettings;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due event deliveries from this instance, unless {@code SMART_RETRY_SCHEDULER=off}: claims
 * them under a lease as the scheduler claims retries (the one {@link DueWork} mechanism), checks
 * the endpoint's address again, sends the signed event, and stores the result ({@link
 * DeliveryResults}). At least once: a delivery whose instance died is taken over when its lease
 * runs out and sent again with the same {@code webhook-id}, which receivers dedupe by.
 */
@Singleton
final class WebhookDispatcher implements DueWork<DueDelivery> {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int STORING_THREADS = 2;
  private static final int LOOKUP_THREADS = 4;
  private static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

  private final WebhookDeliveries deliveries;
  private final TransactionOperations<Connection> transactions;
  private final WebhookSender sender;
  private final SecretKeeper secrets;
  private final Outbox outbox;
  private final EndpointUrls urls;
  private final SchedulerSettings settings;
  private final SchedulerInstance instance;
  private final ServiceClock clock;
  private final int perEndpoint;
  private final DueWorkLoop<DueDelivery> loop;
  private final ResultBatches<DeliveryResults.Sent> storing;
  // Resolving a host blocks; the claiming thread must not.
  private final ExecutorService lookups =
      Executors.newFixedThreadPool(
          LOOKUP_THREADS,
          task -> {
            Thread thread = new Thread(task, "smart-retry-webhook-lookups");
            thread.setDaemon(true);
            return thread;
          });

  WebhookDispatcher(
      WebhookDeliveries deliveries,
      TransactionOperations<Connection> transactions,
      WebhookSender sender,
      SecretKeeper secrets,
      Outbox outbox,
      DeliveryResults results,
      EventSettings eventSettings,
      SchedulerSettings settings,
      SchedulerInstance instance,
      ServiceClock clock) {
    this.deliveries = deliveries;
    this.transactions = transactions;
    this.sender = sender;
    this.secrets = secrets;
    this.outbox = outbox;
    this.urls = new EndpointUrls(eventSettings.allowPrivate());
    this.settings = settings;
    this.instance = instance;
    this.clock = clock;
    this.perEndpoint = eventSettings.concurrencyPerEndpoint();
    Duration longestTry = eventSettings.timeout().plus(LEASE_MARGIN);
    if (settings.lease().compareTo(longestTry) < 0) {
      // Else a slow endpoint's delivery would be taken over while its try is under way.
      throw new ConfigurationException(
          "SMART_RETRY_SCHEDULER_LEASE ("
              + settings.lease()
              + ") must be at least SMART_RETRY_WEBHOOK_TIMEOUT plus "
              + LEASE_MARGIN.toSeconds()
              + " s ("
              + longestTry
              + ")");
    }
    // A try is a small call and a row; twice the retries' concurrency keeps the dispatcher's own
    // share ahead of any one endpoint's cap.
    this.loop = new DueWorkLoop<>(this, settings, clock, 2 * settings.concurrency());
    this.storing = new ResultBatches<>("deliveries", results::storeAll);
  }

  @EventListener
  void start(StartupEvent started) {
    if (!settings.enabled()) {
      return;
    }
    storing.start(STORING_THREADS);
    loop.start();
    LOG.info("Event deliveries run on this instance as {}", instance);
  }

  /** A plan change committed, and with it its events: due now, if it made deliveries. */
  @EventListener
  void onPlanChanged(PlanChanged changed) {
    if (outbox.takeDeliveriesMade()) {
      loop.wake();
    }
  }

  /** Looks for due deliveries now. */
  void wake() {
    loop.wake();
  }

  @Override
  public String name() {
    return "deliveries";
  }

  @Override
  public List<DueDelivery> claim(Instant now, Instant leaseUntil, int limit) {
    return transactions.executeWrite(
        status -> {
          List<DueDelivery> due = deliveries.lockDue(now, perEndpoint, limit);
          if (!due.isEmpty()) {
            deliveries.lease(
                due.stream().map(DueDelivery::deliveryId).toList(), instance.id(), leaseUntil);
          }
          return due;
        });
  }

  @Override
  public Optional<Instant> nextDue(Instant now) {
    return deliveries.nextDue(now, perEndpoint);
  }

  @Override
  public CompletionStage<?> execute(DueDelivery delivery) {
    Instant attemptedAt = clock.instant();
    long started = System.nanoTime();
    URI url = URI.create(delivery.url());
    return CompletableFuture.supplyAsync(() -> urls.refusal(url), lookups)
        .thenCompose(
            refusal ->
                refusal.isPresent()
                    ? CompletableFuture.completedFuture(
                        (TryResult) new TryResult.NoAnswer("not sent: " + refusal.get()))
                    : sender.send(
                        url,
                        delivery.eventId(),
                        delivery.body(),
                        secrets.signing(
                            delivery.secretSealed(),
                            delivery.previousSecretSealed(),
                            delivery.previousSecretExpiresAt(),
                            attemptedAt)))
        .thenCompose(
            result ->
                storing.store(
                    new DeliveryResults.Sent(
                        delivery,
                        attemptedAt,
                        result,
                        (int)
                            Math.min(
                                Integer.MAX_VALUE,
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)),
                        instance.id())));
  }

  @PreDestroy
  void stop() {
    loop.stop(Duration.ofSeconds(5));
    storing.stop(5_000);
    lookups.shutdownNow();
  }
}
