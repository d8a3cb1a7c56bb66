package dev.smartretry.service.testing;

import dev.smartretry.service.events.DeliveryTried;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The stored tries of event deliveries of one service, for tests to wait on: {@link #await} returns
 * as soon as the try it waits for is committed.
 */
@Singleton
public final class DeliveriesSeen {
  private final LinkedBlockingQueue<DeliveryTried> tries = new LinkedBlockingQueue<>();

  @EventListener
  void onDeliveryTried(DeliveryTried tried) {
    tries.add(tried);
  }

  /** Waits for the next stored try that matches, dropping those before it. */
  public DeliveryTried await(Predicate<DeliveryTried> wanted) {
    long until = System.nanoTime() + PlanChangesSeen.PATIENCE.toNanos();
    try {
      while (true) {
        DeliveryTried tried = tries.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (tried == null) {
          throw new AssertionError("No such delivery try within " + PlanChangesSeen.PATIENCE);
        }
        if (wanted.test(tried)) {
          return tried;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for a delivery try", e);
    }
  }
}
