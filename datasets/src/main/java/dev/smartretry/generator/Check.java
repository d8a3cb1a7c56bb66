package dev.smartretry.generator;

import dev.smartretry.history.DeclineCode;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Validation of config values, with messages that name the field. */
final class Check {
  private Check() {}

  /** The lower-case names of an enum's constants, as the config and the CSV spell them. */
  static Set<String> wireNames(Enum<?>[] values) {
    return Arrays.stream(values)
        .map(v -> v.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
  }

  static double probability(String field, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(field + " must be in [0, 1]: " + value);
    }
    return value;
  }

  static double positive(String field, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(field + " must be positive: " + value);
    }
    return value;
  }

  static double nonNegative(String field, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(field + " must be >= 0: " + value);
    }
    return value;
  }

  static int range(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          field + " must be in [" + min + ", " + max + "]: " + value);
    }
    return value;
  }

  static <T> T present(String field, T value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  /** A sorted, unmodifiable copy: iteration order is the key order, never the JSON's order. */
  static <V> Map<String, V> sorted(String field, Map<String, V> map) {
    present(field, map);
    Map<String, V> copy = new TreeMap<>();
    map.forEach(
        (key, value) -> {
          if (value == null) {
            throw new IllegalArgumentException(field + "." + key + " is null");
          }
          copy.put(key, value);
        });
    return Collections.unmodifiableMap(copy);
  }

  /** Non-negative weights with a positive total, keys passing {@code validKey}. */
  static Map<String, Double> weights(
      String field, Map<String, Double> weights, Predicate<String> validKey, String keyKind) {
    Map<String, Double> copy = sorted(field, weights);
    double total = 0;
    for (Map.Entry<String, Double> e : copy.entrySet()) {
      if (!validKey.test(e.getKey())) {
        throw new IllegalArgumentException(
            field + ": '" + e.getKey() + "' is not a known " + keyKind);
      }
      total += nonNegative(field + "." + e.getKey(), e.getValue());
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException(field + " needs at least one positive weight");
    }
    return copy;
  }

  static Map<String, Double> weights(String field, Map<String, Double> weights, Set<String> keys) {
    return weights(field, weights, keys::contains, "key (known: " + keys + ")");
  }

  /** Decline-code weights; every code must be soft or hard as {@code hard} says. */
  static Map<String, Double> codes(String field, Map<String, Double> codes, boolean hard) {
    return weights(
        field,
        codes,
        name -> DeclineCode.fromWireName(name).filter(code -> code.isHard() == hard).isPresent(),
        (hard ? "hard" : "soft") + " decline code");
  }
}
