package dev.smartretry.generator;

import dev.smartretry.history.Attempt;
import dev.smartretry.history.DeclineCode;
import java.time.Instant;
import java.util.List;

/**
 * What stands between an invoice and its payment: the hidden cause of its first failure, with its
 * own parameters drawn. Immutable; anything that retries change (a hold extended by early retries)
 * is derived from the attempt history passed in, so one invoice can be played by many policies at
 * once.
 */
sealed interface Obstacle
    permits FundsShortage,
        IssuerHold,
        VelocityLimit,
        ProcessorOutage,
        ExpiredCard,
        HardDecline,
        OtherSoftDecline {

  Cause cause();

  /** The code the issuer reports while this obstacle stands. */
  DeclineCode code();

  /**
   * The state of things at {@code at}, after the attempts in {@code history} (the original charge
   * first, all before {@code at}).
   */
  Outlook outlook(Instant at, List<Attempt> history);

  /**
   * @param success chance that a retry now succeeds, before engagement and random outages
   * @param cardInUse how much the card is in use now, from 0 (blocked, unfunded) to 1
   */
  record Outlook(double success, double cardInUse) {}
}
