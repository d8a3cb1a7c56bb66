package dev.smartretry.generator;

import dev.smartretry.history.Attempt;
import dev.smartretry.history.Invoice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One retry session on a {@link WorldInvoice}: a policy asks for retries at increasing times and
 * the world answers each with an {@link Attempt}. Retries change the future where the world says so
 * (a retry into an issuer hold makes it last longer), so a play keeps its history. Not thread-safe;
 * start one play per policy.
 *
 * <p>The world enforces nothing about retry policy (no network retry limits, no stop after a hard
 * decline): a policy that breaks them is simply told what would happen, which after a hard decline
 * is always a failure.
 */
public final class Play {
  private final WorldInvoice invoice;
  private final List<Attempt> attempts = new ArrayList<>();
  private final List<Attempt> view = Collections.unmodifiableList(attempts);

  Play(WorldInvoice invoice) {
    this.invoice = invoice;
    attempts.add(invoice.originalCharge());
  }

  public WorldInvoice worldInvoice() {
    return invoice;
  }

  /** The attempts so far, original charge first: a read-only view that grows with the play. */
  public List<Attempt> attempts() {
    return view;
  }

  public Attempt lastAttempt() {
    return attempts.get(attempts.size() - 1);
  }

  /** Retries made so far (attempts after the original charge). */
  public int retries() {
    return attempts.size() - 1;
  }

  /** Whether the last attempt succeeded: the play is over. */
  public boolean recovered() {
    return lastAttempt().succeeded();
  }

  /** Whether any attempt was a hard decline: no later retry can succeed. */
  public boolean hardDeclined() {
    return attempts.stream().anyMatch(Attempt::isHardDecline);
  }

  /**
   * The exact chance that a retry at {@code at} would succeed, given the hidden truth and the
   * attempts so far; what an oracle plans with. Asking changes nothing.
   *
   * @throws IllegalStateException when the invoice is already recovered
   * @throws IllegalArgumentException when {@code at} is not after the last attempt
   */
  public double successProbability(Instant at) {
    check(at);
    return invoice.successProbability(at, view);
  }

  /**
   * The exact chance that a retry at {@code at} would succeed had retries first failed at {@code
   * failedRetries} (in order, after the last attempt): what an oracle looks ahead with. Asking
   * changes nothing.
   *
   * @throws IllegalStateException when the invoice is already recovered
   * @throws IllegalArgumentException when the times do not increase after the last attempt
   */
  public double successProbabilityAfter(List<Instant> failedRetries, Instant at) {
    if (failedRetries.isEmpty()) {
      return successProbability(at);
    }
    check(failedRetries.get(0));
    List<Attempt> supposed = new ArrayList<>(attempts);
    for (Instant failedAt : failedRetries) {
      requireAfter(supposed.get(supposed.size() - 1), failedAt);
      supposed.add(invoice.supposedFailure(supposed.size() + 1, failedAt));
    }
    requireAfter(supposed.get(supposed.size() - 1), at);
    return invoice.successProbability(at, supposed);
  }

  /**
   * Makes a retry at {@code at}: it succeeds iff this retry number's uniform is below {@link
   * #successProbability}; otherwise it fails with the code of what stands in the way at {@code at}.
   *
   * @throws IllegalStateException when the invoice is already recovered
   * @throws IllegalArgumentException when {@code at} is not after the last attempt
   */
  public Attempt attempt(Instant at) {
    check(at);
    Attempt attempt = invoice.attempt(at, view);
    attempts.add(attempt);
    return attempt;
  }

  /** The invoice with every attempt so far, as the history file records it. */
  public Invoice toInvoice() {
    return invoice.withAttempts(attempts);
  }

  private static void requireAfter(Attempt last, Instant at) {
    if (!at.isAfter(last.attemptedAt())) {
      throw new IllegalArgumentException(
          "a retry must come after the last attempt (" + last.attemptedAt() + "): " + at);
    }
  }

  private void check(Instant at) {
    Objects.requireNonNull(at, "at");
    if (recovered()) {
      throw new IllegalStateException(invoice.invoiceId() + " is recovered: nothing follows");
    }
    if (!at.isAfter(lastAttempt().attemptedAt())) {
      throw new IllegalArgumentException(
          "a retry must come after the last attempt (" + lastAttempt().attemptedAt() + "): " + at);
    }
  }
}
