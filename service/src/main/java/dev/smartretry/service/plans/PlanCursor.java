package dev.smartretry.service.plans;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of plans ended: the last plan's creation time and id, the keys of the list's order.
 * Opaque to clients, who send back what they were given.
 */
record PlanCursor(Instant createdAt, long id) {
  /** Before every plan: where the first page starts. */
  static final PlanCursor START =
      new PlanCursor(Instant.parse("9999-12-31T23:59:59Z"), Long.MAX_VALUE);

  static PlanCursor after(PaymentPlan plan) {
    return new PlanCursor(plan.createdAt(), plan.id());
  }

  String text() {
    String plain = createdAt + "|" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor {@code text} spells, or empty if this service did not write it. */
  static Optional<PlanCursor> parse(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int bar = plain.indexOf('|');
      if (bar < 0) {
        return Optional.empty();
      }
      return Optional.of(
          new PlanCursor(
              Instant.parse(plain.substring(0, bar)), Long.parseLong(plain.substring(bar + 1))));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
