package dev.smartretry.model;

import org.tribuo.classification.Label;

/** The two labels of the success classifier. */
public final class Outcomes {
  public static final String SUCCEEDED_NAME = "succeeded";
  public static final Label SUCCEEDED = new Label(SUCCEEDED_NAME);
  public static final Label FAILED = new Label("failed");

  private Outcomes() {}

  public static Label of(boolean succeeded) {
    return succeeded ? SUCCEEDED : FAILED;
  }
}
