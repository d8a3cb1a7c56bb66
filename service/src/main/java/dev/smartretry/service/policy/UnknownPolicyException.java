package dev.smartretry.service.policy;

/**
 * The policy an invoice was sent to does not exist: it was named but never stored, or deleted, or a
 * routing rule names it and it was deleted since (a rule keeps its policy from being deleted
 * through the API, so only a change by hand does that).
 */
public final class UnknownPolicyException extends RuntimeException {
  private final String name;
  private final boolean routed;

  public UnknownPolicyException(String name, boolean routed) {
    super(
        routed
            ? "The routing rules chose the policy " + name + ", which does not exist."
            : "There is no policy named " + name + ".",
        null,
        false,
        false);
    this.name = name;
    this.routed = routed;
  }

  public String name() {
    return name;
  }

  /** Whether the routing rules chose it, rather than the invoice naming it. */
  public boolean routed() {
    return routed;
  }
}
