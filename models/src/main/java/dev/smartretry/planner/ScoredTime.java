package dev.smartretry.planner;

import java.time.Instant;
import java.util.Objects;

/** A candidate retry time and the model's calibrated probability that a retry then succeeds. */
public record ScoredTime(Instant at, double probability) {
  public ScoredTime {
    Objects.requireNonNull(at, "at");
  }
}
