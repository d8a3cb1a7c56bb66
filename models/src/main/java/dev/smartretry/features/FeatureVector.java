package dev.smartretry.features;

import java.util.Arrays;

/**
 * Named feature values. Names are stable strings (e.g. {@code local_hour=03}, {@code
 * hours_since_previous}); a one-hot feature is present with value 1, and a feature that does not
 * apply or is unknown is absent, never a 0 that means something else. The arrays are owned by the
 * vector: callers must not change them.
 */
public record FeatureVector(String[] names, double[] values) {
  public FeatureVector {
    if (names.length != values.length) {
      throw new IllegalArgumentException("one value per name");
    }
  }

  public int size() {
    return names.length;
  }

  /** The value of {@code name}, or NaN when absent. */
  public double value(String name) {
    for (int index = 0; index < names.length; index++) {
      if (names[index].equals(name)) {
        return values[index];
      }
    }
    return Double.NaN;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FeatureVector vector
        && Arrays.equals(names, vector.names)
        && Arrays.equals(values, vector.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("{");
    for (int index = 0; index < names.length; index++) {
      text.append(index == 0 ? "" : ", ").append(names[index]).append('=').append(values[index]);
    }
    return text.append('}').toString();
  }
}
