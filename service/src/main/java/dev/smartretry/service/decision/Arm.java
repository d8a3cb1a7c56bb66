package dev.smartretry.service.decision;

import java.util.Locale;

/**
 * The arm of the live control group a customer is in (docs/http-api.md, section 8): {@code smart}
 * follows the model, {@code control} the policy's fixed schedule. No policy sends customers to the
 * control arm yet, so every decision is in the smart arm.
 */
public enum Arm {
  SMART;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
