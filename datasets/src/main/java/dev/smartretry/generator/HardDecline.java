package dev.smartretry.generator;

import dev.smartretry.history.Attempt;
import dev.smartretry.history.DeclineCode;
import java.time.Instant;
import java.util.List;

/** Lost, stolen, closed, revoked: the issuer will never approve this card again. */
record HardDecline(DeclineCode code) implements Obstacle {
  @Override
  public Cause cause() {
    return Cause.HARD_DECLINE;
  }

  @Override
  public Outlook outlook(Instant at, List<Attempt> history) {
    return new Outlook(0, 0);
  }
}
