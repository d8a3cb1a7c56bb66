package dev.smartretry.generator;

import dev.smartretry.history.Attempt;
import dev.smartretry.history.DeclineCode;
import java.time.Instant;
import java.util.List;

/**
 * Not enough money: a retry succeeds when a recent deposit still covers the invoice. Reported as
 * {@code insufficient_funds}, or as a generic decline by issuers that mask it.
 */
record FundsShortage(BankAccount account, double baseline, DeclineCode code) implements Obstacle {
  @Override
  public Cause cause() {
    return Cause.FUNDS;
  }

  @Override
  public Outlook outlook(Instant at, List<Attempt> history) {
    double coverage = account.coverage(at);
    return new Outlook(1 - (1 - baseline) * (1 - coverage), coverage);
  }
}
