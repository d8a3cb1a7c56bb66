package dev.smartretry.service.policy;

import io.micronaut.core.annotation.Nullable;

/**
 * How an invoice says which policy applies to it: by a stored policy's name, by a policy of its
 * own, or not at all, and then the routing rules choose.
 *
 * @param name the stored policy named; null unless named
 * @param inline the invoice's own policy; null unless inline
 */
public record PolicyChoice(@Nullable String name, @Nullable Policy inline) {
  private static final PolicyChoice ROUTED = new PolicyChoice(null, null);

  public PolicyChoice {
    if (name != null && inline != null) {
      throw new IllegalArgumentException("a policy is named or inline, not both");
    }
  }

  public static PolicyChoice named(String name) {
    return new PolicyChoice(name, null);
  }

  public static PolicyChoice inline(Policy policy) {
    return new PolicyChoice(null, policy);
  }

  /** No choice: the routing rules decide, else the default policy. */
  public static PolicyChoice routed() {
    return ROUTED;
  }
}
