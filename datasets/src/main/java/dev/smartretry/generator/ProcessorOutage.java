package dev.smartretry.generator;

import dev.smartretry.history.Attempt;
import dev.smartretry.history.DeclineCode;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/** A processor or issuer system was down at the original charge, for minutes to a few hours. */
record ProcessorOutage(DeclineCode code, Instant endsAt, double duringSuccess, double afterSuccess)
    implements Obstacle {
  static ProcessorOutage draw(
      ProcessorOutages config,
      WeightedChoice<DeclineCode> codes,
      Instant failedAt,
      SplittableRandom random) {
    double minutes =
        Math.min(
            Draws.logNormal(random, config.medianMinutes(), config.durationSpread()),
            config.maxHours() * 60);
    return new ProcessorOutage(
        codes.pick(random),
        failedAt.plusSeconds(Math.round(minutes * 60)),
        config.duringSuccess(),
        config.afterSuccess());
  }

  @Override
  public Cause cause() {
    return Cause.PROCESSOR_OUTAGE;
  }

  @Override
  public Outlook outlook(Instant at, List<Attempt> history) {
    return new Outlook(at.isBefore(endsAt) ? duringSuccess : afterSuccess, 1);
  }
}
