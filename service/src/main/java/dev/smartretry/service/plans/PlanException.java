package dev.smartretry.service.plans;

/**
 * Why the managed flow refuses a request; {@link PlanProblems} says it over HTTP. Planned answers,
 * so without stack traces.
 */
abstract sealed class PlanException extends RuntimeException
    permits PlanException.NotFound, PlanException.Conflict, PlanException.NoGateway {
  PlanException(String message) {
    super(message, null, false, false);
  }

  /** No plan for this invoice. */
  static final class NotFound extends PlanException {
    NotFound(String invoiceId) {
      super("There is no payment failure registered for the invoice " + invoiceId + ".");
    }
  }

  /** The invoice is registered already, with other attempts. */
  static final class Conflict extends PlanException {
    Conflict(String message) {
      super(message);
    }
  }

  /** No charge endpoint is configured, so nothing registered could be retried. */
  static final class NoGateway extends PlanException {
    NoGateway() {
      super(
          "No charge endpoint is configured: set SMART_RETRY_GATEWAY_URL to the billing system's"
              + " charge endpoint to register payment failures.");
    }
  }
}
