package dev.smartretry.generator;

import dev.smartretry.history.Attempt;
import dev.smartretry.history.DeclineCode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The card reached its issuer's daily transaction count; the counter resets at the next local
 * midnight, so a retry the same local day fails again and one after midnight mostly succeeds.
 */
record VelocityLimit(
    DeclineCode code, Instant resetsAt, double sameDaySuccess, double nextDaySuccess)
    implements Obstacle {
  static VelocityLimit draw(
      VelocityLimits config,
      WeightedChoice<DeclineCode> codes,
      ZoneId zone,
      Instant reachedAt,
      SplittableRandom random) {
    Instant midnight =
        reachedAt.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    return new VelocityLimit(
        codes.pick(random), midnight, config.sameDaySuccess(), config.nextDaySuccess());
  }

  @Override
  public Cause cause() {
    return Cause.VELOCITY_LIMIT;
  }

  @Override
  public Outlook outlook(Instant at, List<Attempt> history) {
    // A card at its limit is a card in heavy use: the activity stays high either way.
    return new Outlook(at.isBefore(resetsAt) ? sameDaySuccess : nextDaySuccess, 1);
  }
}
