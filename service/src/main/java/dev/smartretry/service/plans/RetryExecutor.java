package dev.smartretry.service.plans;

import dev.smartretry.service.clock.ServiceClock;
import dev.smartretry.service.gateway.ChargeGateway;
import dev.smartretry.service.gateway.ChargeResult;
import dev.smartretry.service.gateway.GatewaySettings;
import dev.smartretry.service.scheduler.DueWork;
import dev.smartretry.service.scheduler.DueWorkLoop;
import dev.smartretry.service.scheduler.ResultBatches;
import dev.smartretry.service.scheduler.SchedulerInstance;
import dev.smartretry.service.scheduler.SchedulerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes due retries on this instance, unless {@code SMART_RETRY_SCHEDULER=off}: claims them
 * (with the attempt written as under way before the call), calls the gateway, and stores each
 * result with its consequence ({@link RetryOutcomes}). Calls are non-blocking; storing runs on a
 * small pool of its own, as many threads as it takes to keep the database busy, never one per plan.
 *
 * <p>What makes it safe across instances and crashes: a retry is claimed under a lease in the
 * transaction that writes its attempt as under way; an instance that dies leaves the lease to run
 * out, and the instance that takes the retry over calls with the same idempotency key, so the
 * billing system charges it once; an outcome is stored only against an attempt still under way, so
 * it is stored once; and a plan resolved or final is never claimed.
 */
@Singleton
@Requires(property = "smart-retry.gateway-url")
final class RetryExecutor implements DueWork<DueRetry> {
  private static final Logger LOG = LoggerFactory.getLogger(RetryExecutor.class);
  private static final int STORING_THREADS = 6;
  // Room for a call to connect and be answered, and for its outcome to be stored.
  private static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

  private final PaymentPlans plans;
  private final Attempts attempts;
  private final TransactionOperations<Connection> transactions;
  private final ChargeGateway gateway;
  private final SchedulerSettings settings;
  private final SchedulerInstance instance;
  private final ServiceClock clock;
  private final Timer lateness;
  private final DueWorkLoop<DueRetry> loop;
  private final ResultBatches<RetryOutcomes.CallResult> storing;

  RetryExecutor(
      PaymentPlans plans,
      Attempts attempts,
      TransactionOperations<Connection> transactions,
      ChargeGateway gateway,
      RetryOutcomes outcomes,
      SchedulerSettings settings,
      GatewaySettings gatewaySettings,
      SchedulerInstance instance,
      ServiceClock clock,
      MeterRegistry meters) {
    this.plans = plans;
    this.attempts = attempts;
    this.transactions = transactions;
    this.gateway = gateway;
    this.settings = settings;
    this.instance = instance;
    this.clock = clock;
    Duration longestCall =
        gatewaySettings.connectTimeout().plus(gatewaySettings.readTimeout()).plus(LEASE_MARGIN);
    if (settings.lease().compareTo(longestCall) < 0) {
      // Else a slow call's retry would be taken over while it is still under way.
      throw new ConfigurationException(
          "SMART_RETRY_SCHEDULER_LEASE ("
              + settings.lease()
              + ") must be at least the gateway's connect and read timeouts plus "
              + LEASE_MARGIN.toSeconds()
              + " s ("
              + longestCall
              + ")");
    }
    this.lateness =
        Timer.builder("smart_retry_retry_lateness")
            .description(
                "How late due retries start: the call's time minus its due time, by the service's"
                    + " clock")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofHours(1))
            .register(meters);
    this.loop = new DueWorkLoop<>(this, settings, clock);
    this.storing = new ResultBatches<>("outcomes", outcomes::storeAll);
  }

  @EventListener
  void start(StartupEvent started) {
    if (!settings.enabled()) {
      LOG.info("The scheduler is off (SMART_RETRY_SCHEDULER=off): this instance runs no retries");
      return;
    }
    storing.start(STORING_THREADS);
    loop.start();
    LOG.info(
        "The scheduler runs due retries as {}, calling {}, time by {}",
        instance,
        gateway.url(),
        clock);
  }

  /** Wakes the loop when this instance scheduled a retry that comes due before it would look. */
  @EventListener
  void onPlanChanged(PlanChanged changed) {
    Instant next = changed.nextAttemptAt();
    if (next != null
        && !next.isAfter(clock.instant().plus(clock.clockTime(settings.pollInterval())))) {
      loop.wake();
    }
  }

  /** Looks for due retries now. */
  void wake() {
    loop.wake();
  }

  @Override
  public String name() {
    return "retries";
  }

  @Override
  public List<DueRetry> claim(Instant now, Instant leaseUntil, int limit) {
    return transactions.executeWrite(
        status -> {
          List<DueRetry> due = plans.lockDue(now, limit);
          if (due.isEmpty()) {
            return List.of();
          }
          List<Long> ids = due.stream().map(DueRetry::planId).toList();
          plans.lease(ids, instance.id(), leaseUntil);
          attempts.startCalls(ids, AttemptSource.SCHEDULER.wireName(), now);
          return due;
        });
  }

  @Override
  public Optional<Instant> nextDue(Instant now) {
    return plans.nextDue(now);
  }

  @Override
  public CompletionStage<?> execute(DueRetry retry) {
    Instant attemptedAt = clock.instant();
    Duration late = Duration.between(retry.dueAt(), attemptedAt);
    // Never negative on one clock; instances on several machines may disagree by a little.
    lateness.record(late.isNegative() ? Duration.ZERO : late);
    return gateway
        .charge(retry.call(attemptedAt))
        .thenCompose(
            result -> {
              if (result instanceof ChargeResult.NoOutcome none) {
                LOG.debug("No outcome for {}: {}", retry.invoiceId(), none);
              }
              return storing.store(
                  new RetryOutcomes.CallResult(retry, attemptedAt, result, instance.id()));
            });
  }

  @PreDestroy
  void stop() {
    loop.stop(Duration.ofSeconds(5));
    storing.stop(5_000);
  }
}
