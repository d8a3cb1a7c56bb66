package dev.smartretry.demo;

import java.util.Locale;

/**
 * Why a charge call got no outcome, with the HTTP status that says so. Every refusal is a 4xx: the
 * service treats any non-2xx as "no outcome, try again later", and only a bug of the gateway may
 * answer 5xx.
 */
public enum Refusal {
  /** {@code --secret} is set and the call's Standard Webhooks signature is missing or wrong. */
  BAD_SIGNATURE(401),
  /** Not {@code POST}. */
  METHOD_NOT_ALLOWED(405),
  /** A body larger than any charge call. */
  BODY_TOO_LARGE(413),
  /** Not a JSON object. */
  MALFORMED_BODY(400),
  /** A field of the body is missing, of the wrong type, out of range or unknown. */
  INVALID_FIELD(422),
  /**
   * The {@code Idempotency-Key} header is missing or is not {@code <invoice_id>:<retry_number>}.
   */
  BAD_IDEMPOTENCY_KEY(400),
  /** Not an {@code in_demo_<index>} invoice this gateway charges. */
  UNKNOWN_INVOICE(404),
  /** The amount or currency is not the invoice's. */
  INVOICE_MISMATCH(422),
  /**
   * {@code attempted_at} before {@code scheduled_for}: the service promises never to retry early.
   */
  EARLY_ATTEMPT(422),
  /** A retry number beyond the next one: a retry in between was never charged. */
  SKIPPED_RETRY(409),
  /** {@code attempted_at} not after the invoice's previous attempt. */
  OUT_OF_ORDER(409),
  /** The invoice was recovered by an earlier retry: nothing is left to charge. */
  ALREADY_RECOVERED(409);

  private final int status;

  Refusal(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** The name in {@code /stats}, e.g. {@code skipped_retry}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
