package dev.smartretry.generator;

import dev.smartretry.history.Attempt;
import dev.smartretry.history.BillingInterval;
import dev.smartretry.history.Card;
import dev.smartretry.history.DeclineCode;
import dev.smartretry.history.Invoice;
import dev.smartretry.history.Outcome;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * One failed invoice of a {@link World}: what a billing system sees (the invoice, the card, the
 * failed original charge) and the hidden truth behind it (the {@link Cause}, the customer's pay
 * calendar and deposits, when a hold clears...). Immutable and thread-safe; play retries on it with
 * {@link #newPlay()}, as many times as needed.
 *
 * <p>Retry {@code k} (attempt number {@code k}) always uses the same uniforms, drawn from this
 * invoice's own stream for {@code k}: two policies that retry at the same times get the same
 * outcomes, and policies that differ are compared on common random numbers.
 */
public final class WorldInvoice {
  private final long index;
  private final long seed;
  private final String invoiceId;
  private final String customerId;
  private final long amountMinor;
  private final String currency;
  private final BillingInterval billingInterval;
  private final ZoneId timezone;
  private final OptionalInt customerTenureDays;
  private final Card card;
  private final Issuer issuer;
  private final BankAccount account;
  private final Engagement engagement;
  private final Obstacle obstacle;
  private final double randomOutageChance;
  private final WeightedChoice<DeclineCode> outageCodes;
  private final Attempt originalCharge;

  WorldInvoice(
      long index,
      long seed,
      String invoiceId,
      String customerId,
      long amountMinor,
      String currency,
      BillingInterval billingInterval,
      ZoneId timezone,
      OptionalInt customerTenureDays,
      Card card,
      Instant firstFailure,
      Issuer issuer,
      BankAccount account,
      Engagement engagement,
      Obstacle obstacle,
      double randomOutageChance,
      WeightedChoice<DeclineCode> outageCodes) {
    this.index = index;
    this.seed = seed;
    this.invoiceId = invoiceId;
    this.customerId = customerId;
    this.amountMinor = amountMinor;
    this.currency = currency;
    this.billingInterval = billingInterval;
    this.timezone = timezone;
    this.customerTenureDays = customerTenureDays;
    this.card = card;
    this.issuer = issuer;
    this.account = account;
    this.engagement = engagement;
    this.obstacle = obstacle;
    this.randomOutageChance = randomOutageChance;
    this.outageCodes = outageCodes;
    // The original charge failed because of the obstacle itself, never a random outage.
    Draw draw = draw(1);
    double inUse = obstacle.outlook(firstFailure, List.of()).cardInUse();
    this.originalCharge =
        new Attempt(
            1,
            firstFailure,
            Outcome.FAILED,
            obstacle.code(),
            OptionalInt.of(engagement.devices24h(inUse, draw.devices())));
  }

  /** A new retry session on this invoice, starting right after the failed original charge. */
  public Play newPlay() {
    return new Play(this);
  }

  public long index() {
    return index;
  }

  public String invoiceId() {
    return invoiceId;
  }

  public String customerId() {
    return customerId;
  }

  public long amountMinor() {
    return amountMinor;
  }

  public String currency() {
    return currency;
  }

  public BillingInterval billingInterval() {
    return billingInterval;
  }

  public ZoneId timezone() {
    return timezone;
  }

  public OptionalInt customerTenureDays() {
    return customerTenureDays;
  }

  public Card card() {
    return card;
  }

  /** The failed original charge, attempt 1. */
  public Attempt originalCharge() {
    return originalCharge;
  }

  public Instant firstFailureAt() {
    return originalCharge.attemptedAt();
  }

  /** The invoice as a planner first sees it: only the failed original charge. */
  public Invoice original() {
    return withAttempts(List.of(originalCharge));
  }

  // --- Hidden truth: what no billing system sees, for oracles, tests and analysis. ---

  /** Why the original charge failed. */
  public Cause cause() {
    return obstacle.cause();
  }

  /** How the customer is paid (every customer has one, whatever the cause). */
  public PayCalendar payCalendar() {
    return account.calendar();
  }

  /** Salaries and top-ups posted to the customer's account in {@code [from, to)}. */
  public List<Deposit> deposits(Instant from, Instant to) {
    return account.deposits(from, to);
  }

  /** Whether the card's issuer reports insufficient funds as a generic decline. */
  public boolean issuerMasksFunds() {
    return issuer.masksFunds();
  }

  /** The card's issuer id, even when the billing system does not know it. */
  public String issuerId() {
    return issuer.id();
  }

  /** The local hours in which the card's issuer declines everything, if it has them. */
  Optional<QuietHours> issuerQuietHours() {
    return issuer.quietHours();
  }

  /** When an issuer hold clears if no retry extends it; empty for other causes. */
  public Optional<Instant> holdClearsAt() {
    return obstacle instanceof IssuerHold hold ? Optional.of(hold.clearsAt()) : Optional.empty();
  }

  /** When a velocity limit resets (the next local midnight); empty for other causes. */
  public Optional<Instant> limitResetsAt() {
    return obstacle instanceof VelocityLimit limit
        ? Optional.of(limit.resetsAt())
        : Optional.empty();
  }

  /** When the outage behind the first failure ends; empty for other causes. */
  public Optional<Instant> outageEndsAt() {
    return obstacle instanceof ProcessorOutage outage
        ? Optional.of(outage.endsAt())
        : Optional.empty();
  }

  /** When an expired card is replaced; empty if never, or for other causes. */
  public Optional<Instant> cardReplacedAt() {
    return obstacle instanceof ExpiredCard expired ? expired.replacedAt() : Optional.empty();
  }

  /** The customer's engagement, a standard-normal score (higher recovers more often). */
  public double engagement() {
    return engagement.z();
  }

  /** Expected {@code devices_24h} when the card is fully in use. */
  public double deviceLevel() {
    return engagement.deviceLevel();
  }

  // --- The world's response to retries, used by Play. ---

  Invoice withAttempts(List<Attempt> attempts) {
    return new Invoice(
        invoiceId,
        customerId,
        amountMinor,
        currency,
        billingInterval,
        timezone,
        customerTenureDays,
        card,
        attempts);
  }

  /** Chance that a retry at {@code at} succeeds after {@code history}. */
  double successProbability(Instant at, List<Attempt> history) {
    if (issuer.declinesAt(at, timezone)) {
      return 0;
    }
    return successProbability(obstacle.outlook(at, history), history);
  }

  /**
   * Retry number {@code number} at {@code at} as it would have failed had its draw said so: what
   * stands in the way at {@code at}, no device signal. For looking ahead, never for a history.
   */
  Attempt supposedFailure(int number, Instant at) {
    DeclineCode code =
        issuer.declinesAt(at, timezone) ? issuer.quietHours().get().code() : obstacle.code();
    return new Attempt(number, at, Outcome.FAILED, code, OptionalInt.empty());
  }

  /** Retry number {@code history.size() + 1} at {@code at}, decided by its own uniforms. */
  Attempt attempt(Instant at, List<Attempt> history) {
    int number = history.size() + 1;
    Draw draw = draw(number);
    Obstacle.Outlook outlook = obstacle.outlook(at, history);
    boolean quiet = issuer.declinesAt(at, timezone);
    double p = quiet ? 0 : successProbability(outlook, history);
    OptionalInt devices =
        OptionalInt.of(engagement.devices24h(outlook.cardInUse(), draw.devices()));
    if (quiet) {
      return new Attempt(number, at, Outcome.FAILED, issuer.quietHours().get().code(), devices);
    }
    if (draw.success() < p) {
      return new Attempt(number, at, Outcome.SUCCEEDED, null, devices);
    }
    // Of the failures, a random outage accounts for chance/(1 - p): every hit fails.
    double outageShare = Math.min(1, randomOutageChance / (1 - p));
    DeclineCode code =
        draw.outage() < outageShare ? outageCodes.pick(draw.outageCode()) : obstacle.code();
    return new Attempt(number, at, Outcome.FAILED, code, devices);
  }

  private double successProbability(Obstacle.Outlook outlook, List<Attempt> history) {
    for (Attempt attempt : history) {
      if (attempt.isHardDecline()) {
        return 0;
      }
    }
    return engagement.lift(outlook.success()) * (1 - randomOutageChance);
  }

  private Draw draw(int attemptNumber) {
    SplittableRandom random = Seeds.random(seed, Seeds.ATTEMPTS, attemptNumber);
    return new Draw(
        random.nextDouble(), random.nextDouble(), random.nextDouble(), random.nextDouble());
  }

  /** The four uniforms of one attempt, always drawn together so their meaning never shifts. */
  private record Draw(double success, double outage, double devices, double outageCode) {}
}
