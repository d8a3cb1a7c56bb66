package dev.smartretry.generator;

import java.time.Instant;
import java.util.Objects;

/**
 * Money arriving on the customer's account: hidden truth of the world.
 *
 * @param postedAt when the bank posted it (overnight, local time)
 * @param salary a pay-day salary, not a smaller top-up
 * @param coverage chance that, just posted, it covers the invoice; it then fades with spending
 */
public record Deposit(Instant postedAt, boolean salary, double coverage) {
  public Deposit {
    Objects.requireNonNull(postedAt, "postedAt");
  }
}
