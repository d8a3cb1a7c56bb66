package dev.smartretry.service.models;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * {@code smart_retry_model_info{version="..."} 1} on {@code /prometheus}: the live model's version,
 * so that dashboards can mark activations and group decisions by model. There is one series, the
 * live version's; an activation replaces it, and without a model there is none.
 */
@Singleton
final class ModelInfoGauge {
  // Micrometer exposes a gauge whose name ends in ".info" as a Prometheus info metric,
  // smart_retry_model_info; a name ending in "_info" would lose that suffix instead.
  static final String NAME = "smart_retry.model.info";

  // The gauge's value object; held here so that it is strongly reachable whatever Micrometer keeps.
  private static final Integer ONE = 1;

  private final MultiGauge gauge;

  ModelInfoGauge(MeterRegistry registry) {
    this.gauge =
        MultiGauge.builder(NAME)
            .description("The live model's version, as a label; absent without a live model")
            .register(registry);
  }

  /** Shows {@code version} as the live one, removing the previous series; null shows none. */
  synchronized void show(@Nullable String version) {
    gauge.register(
        version == null ? List.of() : List.of(MultiGauge.Row.of(Tags.of("version", version), ONE)),
        true);
  }
}
