package dev.smartretry.service.plans;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a plan stands (docs/http-api.md, section 2); every status but {@code scheduled} is final.
 */
enum PlanStatus {
  SCHEDULED,
  RECOVERED,
  /** Retries or time ran out, or the gateway never answered. */
  EXHAUSTED,
  /** A hard decline or forbidding network advice. */
  STOPPED,
  /** Settled elsewhere: paid another way, or voided. */
  RESOLVED;

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<PlanStatus> fromWireName(String wireName) {
    return Arrays.stream(values()).filter(v -> v.wireName().equals(wireName)).findFirst();
  }

  static String wireNames() {
    return Arrays.stream(values()).map(PlanStatus::wireName).collect(Collectors.joining(", "));
  }
}
