package dev.smartretry.service.decision;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The arm of the live control group a customer is in (docs/http-api.md, section 8): {@code smart}
 * follows the model, {@code control} the policy's fixed schedule. {@link ControlGroup} assigns it.
 */
public enum Arm {
  SMART,
  CONTROL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Arm> fromWireName(String name) {
    return Arrays.stream(values()).filter(arm -> arm.wireName().equals(name)).findFirst();
  }
}
