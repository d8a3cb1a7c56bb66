package dev.smartretry.generator;

import dev.smartretry.history.DeclineCode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * An issuing bank.
 *
 * @param id opaque id as a billing system would derive it from the BIN, e.g. {@code iss_FR_007}
 * @param masksFunds whether it reports insufficient funds as {@link #maskedCode()}
 * @param maskedCode what it reports instead, when it masks
 * @param holdMedianHours the median duration of its risk holds
 * @param quietHours the local hours in which it declines every charge, if it has such a window
 */
record Issuer(
    String id,
    boolean masksFunds,
    DeclineCode maskedCode,
    double holdMedianHours,
    Optional<QuietHours> quietHours) {
  /** Whether a retry at {@code at}, in the customer's zone, falls in its quiet hours. */
  boolean declinesAt(Instant at, ZoneId zone) {
    return quietHours.isPresent() && quietHours.get().covers(at, zone);
  }
}
