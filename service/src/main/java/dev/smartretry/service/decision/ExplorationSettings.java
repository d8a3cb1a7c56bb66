package dev.smartretry.service.decision;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;

/**
 * How much of the scheduler's smart retries is explored (issue 13): {@code
 * SMART_RETRY_EXPLORATION_SHARE} ({@code smart-retry.exploration-share}), from 0 to 0.2, default 0.
 *
 * <p>Default 0: exploration moves retries to times the model thinks worse, on purpose, which costs
 * recoveries now for a better model later; an operator opts in knowingly (the README suggests
 * 0.05). At most 0.2: beyond that the smart arm would be a random schedule as much as a model's.
 * Read as text, so that a value that is no number is refused with the setting's name rather than a
 * conversion error.
 *
 * @param explorationShare the share ε, as configured
 */
@ConfigurationProperties("smart-retry")
public record ExplorationSettings(@Nullable String explorationShare) {
  static final double MOST = 0.2;

  /**
   * The configured share.
   *
   * @throws ConfigurationException naming the setting, if it is not a number from 0 to 0.2
   */
  public double share() {
    if (explorationShare == null || explorationShare.isBlank()) {
      return 0;
    }
    double share;
    try {
      share = Double.parseDouble(explorationShare.strip());
    } catch (NumberFormatException e) {
      throw refused();
    }
    if (!(share >= 0 && share <= MOST)) {
      throw refused();
    }
    return share;
  }

  private ConfigurationException refused() {
    return new ConfigurationException(
        "SMART_RETRY_EXPLORATION_SHARE (smart-retry.exploration-share) must be a number from 0 to "
            + MOST
            + ", not "
            + explorationShare);
  }
}
