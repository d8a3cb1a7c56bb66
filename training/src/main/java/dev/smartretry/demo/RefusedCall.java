package dev.smartretry.demo;

import java.util.Objects;

/**
 * A charge call the gateway answers with an error instead of an outcome. Its message names the
 * field or header at fault and why, for the engineer reading the service's {@code last_error}.
 */
public final class RefusedCall extends RuntimeException {
  private final Refusal refusal;

  RefusedCall(Refusal refusal, String message) {
    // No stack trace: a refusal is an answer to the caller, not a fault of the gateway, and a
    // misconfigured service can send a thousand of them a second.
    super(message, null, false, false);
    this.refusal = Objects.requireNonNull(refusal, "refusal");
  }

  public Refusal refusal() {
    return refusal;
  }
}
