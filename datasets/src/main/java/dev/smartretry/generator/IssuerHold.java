package dev.smartretry.generator;

import dev.smartretry.history.Attempt;
import dev.smartretry.history.DeclineCode;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The issuer's risk system has blocked the card since the original charge. The block clears at a
 * drawn time, later by {@code extensionSeconds} for every retry made before it cleared: to a risk
 * system, a merchant hammering a blocked card looks like one more reason to keep it blocked.
 */
record IssuerHold(
    DeclineCode code,
    Instant clearsAt,
    long extensionSeconds,
    double leakProbability,
    double clearedSuccess)
    implements Obstacle {
  static IssuerHold draw(
      IssuerHolds config,
      WeightedChoice<DeclineCode> codes,
      Issuer issuer,
      Instant placedAt,
      SplittableRandom random) {
    double hours = Draws.logNormal(random, issuer.holdMedianHours(), config.durationSpread());
    return new IssuerHold(
        codes.pick(random),
        placedAt.plusSeconds(Math.round(hours * 3600)),
        Math.round(config.extensionHours() * 3600),
        config.leakProbability(),
        config.clearedSuccess());
  }

  @Override
  public Cause cause() {
    return Cause.ISSUER_HOLD;
  }

  /** When the hold clears, given the retries made so far. */
  Instant clearsAfter(List<Attempt> history) {
    long clears = clearsAt.getEpochSecond();
    for (int i = 1; i < history.size(); i++) {
      if (history.get(i).attemptedAt().getEpochSecond() < clears) {
        clears += extensionSeconds;
      }
    }
    return Instant.ofEpochSecond(clears);
  }

  @Override
  public Outlook outlook(Instant at, List<Attempt> history) {
    boolean cleared = !at.isBefore(clearsAfter(history));
    return cleared ? new Outlook(clearedSuccess, 1) : new Outlook(leakProbability, 0);
  }
}
