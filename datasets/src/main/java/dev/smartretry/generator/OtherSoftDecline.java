package dev.smartretry.generator;

import dev.smartretry.history.Attempt;
import dev.smartretry.history.DeclineCode;
import java.time.Instant;
import java.util.List;

/**
 * The rarer soft declines (authentication required, call issuer, ...): without a customer in the
 * loop a retry rarely fixes them, and timing does not help.
 */
record OtherSoftDecline(DeclineCode code, double success) implements Obstacle {
  @Override
  public Cause cause() {
    return Cause.OTHER_SOFT_DECLINE;
  }

  @Override
  public Outlook outlook(Instant at, List<Attempt> history) {
    return new Outlook(success, 1);
  }
}
