package dev.smartretry.service.testing;

import dev.smartretry.service.models.LiveModel;
import dev.smartretry.service.models.ModelServed;
import dev.smartretry.service.models.ServingModel;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The models one service switched to, for tests to wait on: {@link #await} returns as soon as the
 * service serves the version, whether it switched before the call or after.
 */
@Singleton
public final class ModelsServed {
  private final ServingModel serving;
  private final LinkedBlockingQueue<ModelServed> switches = new LinkedBlockingQueue<>();

  ModelsServed(ServingModel serving) {
    this.serving = serving;
  }

  @EventListener
  void onModelServed(ModelServed served) {
    switches.add(served);
  }

  /** Waits until the service serves {@code version}. */
  public void await(String version) {
    long until = System.nanoTime() + PlanChangesSeen.PATIENCE.toNanos();
    try {
      // Read after each switch: a switch published between the read and the wait stays queued.
      while (!Objects.equals(version, serving.live().map(LiveModel::version).orElse(null))) {
        if (switches.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS) == null) {
          throw new AssertionError(
              "Still serving "
                  + serving.live().map(LiveModel::version).orElse("no model")
                  + ", not "
                  + version
                  + ", after "
                  + PlanChangesSeen.PATIENCE);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for model " + version, e);
    }
  }
}
