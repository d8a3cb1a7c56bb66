package dev.smartretry.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.smartretry.history.Attempt;
import dev.smartretry.history.Outcome;

/**
 * The answer to a charge call, as http-api.md section 2 spells it: {@code {"outcome": "succeeded"}}
 * or {@code {"outcome": "failed", "decline_code": ..., "devices_24h": ...}}. The world never gives
 * a network advice code, so none is sent.
 *
 * @param outcome {@code succeeded} or {@code failed}
 * @param declineCode the decline code of a failure; null on success
 * @param devices24h the devices that presented the card in the 24 hours before a failure; null on
 *     success or when unknown
 */
public record ChargeOutcome(
    String outcome, String declineCode, @JsonProperty("devices_24h") Integer devices24h) {

  /** The outcome of a retry the world played. */
  static ChargeOutcome of(Attempt attempt) {
    if (attempt.succeeded()) {
      return new ChargeOutcome(attempt.outcome().wireName(), null, null);
    }
    return new ChargeOutcome(
        attempt.outcome().wireName(),
        attempt.declineCode().wireName(),
        attempt.devices24h().isPresent() ? attempt.devices24h().getAsInt() : null);
  }

  public boolean succeeded() {
    return Outcome.SUCCEEDED.wireName().equals(outcome);
  }
}
