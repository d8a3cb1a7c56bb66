package dev.smartretry.service.models;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model this instance's decisions use now.
 *
 * <p>{@link #live()} is one read of an {@link AtomicReference}: no I/O, no lock, nothing a decision
 * could wait on. A new model is loaded and checked completely before {@link #serve} swaps it in one
 * step, so a request that already took the old model finishes on it and no request sees half of
 * either.
 */
@Singleton
public final class ServingModel {
  private final ModelInfoGauge gauge;
  private final ApplicationEventPublisher<ModelServed> served;
  private final AtomicReference<ModelInUse> inUse =
      new AtomicReference<>(ModelInUse.fallback("the service is starting"));
  // Why this instance does not serve the version activated last, while it cannot load it.
  private volatile @Nullable String notFollowing;

  ServingModel(ModelInfoGauge gauge, ApplicationEventPublisher<ModelServed> served) {
    this.gauge = gauge;
    this.served = served;
  }

  /**
   * The model decisions should use now, or empty if there is none (the policies' fixed schedules
   * apply). Take it once per request and use that one throughout.
   */
  public Optional<LiveModel> live() {
    return inUse.get().model();
  }

  ModelInUse current() {
    return inUse.get();
  }

  void serve(ModelInUse next) {
    ModelInUse previous = inUse.getAndSet(next);
    gauge.show(next.version());
    if (previous != next) {
      served.publishEvent(new ModelServed(next.version()));
    }
  }

  /** Says why the version activated last is not served here; null once it is or no longer asked. */
  void notFollowing(@Nullable String reason) {
    notFollowing = reason;
  }

  /** What {@code /health} says of the models. */
  Map<String, Object> health() {
    ModelInUse current = inUse.get();
    Map<String, Object> details = new LinkedHashMap<>();
    if (current.model().isPresent()) {
      details.put("version", current.version());
      details.put("source", Objects.requireNonNull(current.source()).name());
    } else {
      details.put("fallback", true);
      details.put("reason", current.fallbackReason());
    }
    String reason = notFollowing;
    if (reason != null) {
      details.put("not_following", reason);
    }
    return details;
  }
}
