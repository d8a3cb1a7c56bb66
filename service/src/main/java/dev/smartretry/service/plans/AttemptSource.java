package dev.smartretry.service.plans;

import java.util.Locale;

/** Who made an attempt, as the {@code attempts} table records it. */
enum AttemptSource {
  /** Sent by the billing system when it registered the failure. */
  REGISTERED,
  /** Made by the scheduler's call to the gateway. */
  SCHEDULER,
  /** Made by a billing system that runs its own retries, and reported (section 2b). */
  REPORTED;

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
