package dev.smartretry.demo;

import java.io.PrintWriter;

/**
 * What the gateway tells the person running it: a line per charge call on {@code out}, unless quiet
 * (benchmarks make thousands a second), and on {@code err}, quiet or not, a warning for every call
 * refused for its signature, since that means the service and the gateway disagree on the secret
 * and no retry will get through.
 */
public final class GatewayLog {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean quiet;

  public GatewayLog(PrintWriter out, PrintWriter err, boolean quiet) {
    this.out = out;
    this.err = err;
    this.quiet = quiet;
  }

  void answered(ChargeCall call, ChargeAnswer answer) {
    if (quiet) {
      return;
    }
    ChargeOutcome outcome = answer.outcome();
    out.println(
        call.attemptedAt()
            + " "
            + call.invoiceId()
            + " retry "
            + call.retryNumber()
            + " -> "
            + outcome.outcome()
            + (outcome.succeeded() ? "" : " " + outcome.declineCode())
            + (answer.repeated() ? " (repeated call: stored outcome, not charged again)" : ""));
  }

  void refused(RefusedCall refused) {
    Refusal refusal = refused.refusal();
    String line =
        "refused (" + refusal.status() + " " + refusal.wireName() + "): " + refused.getMessage();
    if (refusal == Refusal.BAD_SIGNATURE) {
      err.println(
          "warning: " + line + "; is the service's SMART_RETRY_GATEWAY_SECRET this --secret?");
    } else if (!quiet) {
      out.println(line);
    }
  }

  /** An event received, verified and seen for the first time. */
  void event(String id, java.util.Map<String, String> summary) {
    if (quiet) {
      return;
    }
    String finalAction = summary.get("final_action");
    out.println(
        "event "
            + summary.get("type")
            + " #"
            + summary.get("sequence")
            + " "
            + summary.get("invoice")
            + " (plan "
            + summary.get("status")
            + (finalAction.isEmpty() ? "" : ", final action " + finalAction)
            + ") "
            + id
            + ", signature verified");
  }

  /** An event whose signature does not verify: the service and the demo disagree on the secret. */
  void unverifiedEvent(String id) {
    err.println("warning: event " + id + " refused (401): its signature does not verify");
  }

  /** A fault of the gateway itself, never of the caller's input. */
  void broken(RuntimeException fault) {
    err.println("error: the gateway failed to answer a charge call: " + fault);
  }
}
