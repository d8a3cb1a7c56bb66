package dev.smartretry.service.models;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * {@code model} in {@code /health}: the live version and where it was loaded from. Without a live
 * model the service is still UP, since decisions follow the policies' fixed schedules; the details
 * then say {@code "fallback": true} and why.
 */
@Singleton
final class ModelHealthIndicator implements HealthIndicator {
  static final String NAME = "model";

  private final ServingModel serving;

  ModelHealthIndicator(ServingModel serving) {
    this.serving = serving;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Publishers.just(
        HealthResult.builder(NAME, HealthStatus.UP).details(serving.health()).build());
  }
}
