package dev.smartretry.planner;

import java.util.Objects;

/**
 * How much one input moved a probability: the probability with the input as it is, less the
 * probability had the model not known it (the input absent, as for an unknown value).
 *
 * @param input the feature's name as the model sees it, e.g. {@code decline_code=do_not_honor}
 * @param value its value (1 for a category that is present)
 * @param effect the change in probability the input makes, from -1 to 1
 */
public record InputEffect(String input, double value, double effect) {
  public InputEffect {
    Objects.requireNonNull(input, "input");
  }
}
