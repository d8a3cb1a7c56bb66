package dev.smartretry.generator;

import dev.smartretry.history.DeclineCode;

/** Decline codes by their wire names, as the config spells them. */
final class Codes {
  private Codes() {}

  static DeclineCode parse(String wireName) {
    return DeclineCode.fromWireName(wireName)
        .orElseThrow(() -> new IllegalArgumentException("unknown decline code: " + wireName));
  }
}
