package dev.smartretry.service.models;

import dev.smartretry.model.RetryModel;
import io.micronaut.core.annotation.Nullable;
import java.util.Objects;
import java.util.Optional;

/**
 * What an instance serves: a model with where it came from, or, with no model, why.
 *
 * @param model kept as an {@link Optional} so that {@link ServingModel#live()} allocates nothing
 */
record ModelInUse(
    Optional<LiveModel> model, @Nullable ModelSource source, @Nullable String fallbackReason) {
  static ModelInUse of(ModelSource source, RetryModel model) {
    return new ModelInUse(Optional.of(new LiveModel(model.version(), model)), source, null);
  }

  static ModelInUse fallback(String reason) {
    return new ModelInUse(Optional.empty(), null, reason);
  }

  @Nullable
  String version() {
    return model.map(LiveModel::version).orElse(null);
  }

  /** The model as the catalog knows it; only with a model. */
  KnownModel known() {
    LiveModel loaded = model.orElseThrow();
    return new KnownModel(loaded.model().description(), Objects.requireNonNull(source));
  }

  String describe() {
    return model.isPresent()
        ? "live version " + version() + " from " + Objects.requireNonNull(source).name()
        : "no live model, " + fallbackReason;
  }

  @Override
  public String toString() {
    return model.isPresent() ? version() : "no model";
  }
}
