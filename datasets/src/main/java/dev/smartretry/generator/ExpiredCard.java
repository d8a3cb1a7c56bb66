package dev.smartretry.generator;

import dev.smartretry.history.Attempt;
import dev.smartretry.history.DeclineCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The card on file has expired. Nothing succeeds until it is replaced, by the {@link
 * AccountUpdater} or by the customer; many never are.
 */
record ExpiredCard(Optional<Instant> replacedAt, double replacedSuccess) implements Obstacle {
  /** Whichever comes first: the updater's refresh or the customer's own update, if either. */
  static ExpiredCard draw(
      CardExpiry config,
      AccountUpdater updater,
      Engagement engagement,
      Instant expiredAt,
      SplittableRandom random) {
    Optional<Instant> byUpdater = updater.refresh(expiredAt, random);
    boolean selfUpdates = random.nextDouble() < engagement.lift(config.selfUpdateProbability());
    double days =
        Math.max(
            1, Draws.logNormal(random, config.selfUpdateMedianDays(), config.selfUpdateSpread()));
    Optional<Instant> byCustomer =
        selfUpdates
            ? Optional.of(expiredAt.plusSeconds(Math.round(days * 86_400)))
            : Optional.empty();
    Optional<Instant> replaced =
        byUpdater.isEmpty()
            ? byCustomer
            : byCustomer.filter(t -> t.isBefore(byUpdater.get())).or(() -> byUpdater);
    return new ExpiredCard(replaced, config.replacedSuccess());
  }

  @Override
  public Cause cause() {
    return Cause.EXPIRED_CARD;
  }

  @Override
  public DeclineCode code() {
    return DeclineCode.EXPIRED_CARD;
  }

  @Override
  public Outlook outlook(Instant at, List<Attempt> history) {
    boolean replaced = replacedAt.isPresent() && !at.isBefore(replacedAt.get());
    return replaced ? new Outlook(replacedSuccess, 1) : new Outlook(0, 0);
  }
}
