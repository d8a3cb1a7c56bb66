package dev.smartretry.service.models;

import dev.smartretry.model.RetryModel;
import java.util.Objects;

/**
 * The model decisions use, as {@link ServingModel#live()} hands it out. It is immutable: a request
 * that took it keeps a complete model to the end, whatever is activated meanwhile.
 *
 * @param version the model's version, {@code model.version()}, as decisions report it
 */
public record LiveModel(String version, RetryModel model) {
  public LiveModel {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(model, "model");
  }
}
