package dev.smartretry.generator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The card networks' account updater services (Visa Account Updater, Mastercard Automatic Billing
 * Updater, American Express Cardrefresher): issuers report reissued cards, and the merchant's
 * nightly batch picks the new details up. Only some issuers take part, and only after some days.
 */
final class AccountUpdater {
  private final CardExpiry config;

  AccountUpdater(CardExpiry config) {
    this.config = config;
  }

  /** When the merchant's card on file is refreshed, if the updater ever refreshes it. */
  Optional<Instant> refresh(Instant expiredAt, SplittableRandom random) {
    boolean covered = random.nextDouble() < config.updaterCoverage();
    double days =
        Math.max(1, Draws.logNormal(random, config.updaterMedianDays(), config.updaterSpread()));
    if (!covered) {
      return Optional.empty();
    }
    Instant reported = expiredAt.plusSeconds(Math.round(days * 86_400));
    LocalDate day = LocalDate.ofInstant(reported, ZoneOffset.UTC);
    Instant run = day.atTime(config.updaterRunHourUtc(), 0).toInstant(ZoneOffset.UTC);
    return Optional.of(run.isBefore(reported) ? run.plusSeconds(86_400) : run);
  }
}
