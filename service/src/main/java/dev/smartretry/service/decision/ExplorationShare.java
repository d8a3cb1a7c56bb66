package dev.smartretry.service.decision;

import dev.smartretry.planner.Exploration;
import io.micronaut.context.annotation.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exploration the scheduler's smart decisions use, checked when the service starts (a bad share
 * stops the start, naming the setting, rather than the first decision). The draw's seed is fixed:
 * every instance, and every restart, must draw the same for the same retry.
 */
@Context
public final class ExplorationShare {
  private static final Logger LOG = LoggerFactory.getLogger(ExplorationShare.class);

  /** Mixed into every draw; changing it would re-draw retries already decided. */
  static final long SEED = 0x5eed_13_05L;

  private final Exploration exploration;

  ExplorationShare(ExplorationSettings settings) {
    this.exploration = new Exploration(settings.share(), SEED);
    if (exploration.isOn()) {
      LOG.info(
          "Exploration: {} % of the scheduler's smart retries run at a time drawn among the"
              + " allowed ones",
          exploration.share() * 100);
    }
  }

  public Exploration exploration() {
    return exploration;
  }
}
