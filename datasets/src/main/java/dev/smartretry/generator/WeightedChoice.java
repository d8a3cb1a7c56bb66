package dev.smartretry.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Picks one of several items with given weights, from one uniform. Items keep the order of the
 * (sorted) config map they came from, so the same uniform picks the same item on every run.
 */
final class WeightedChoice<T> {
  private final List<T> items;
  private final double[] cumulative;

  private WeightedChoice(List<T> items, double[] cumulative) {
    this.items = List.copyOf(items);
    this.cumulative = cumulative;
  }

  static <T> WeightedChoice<T> of(Map<String, Double> weights, Function<String, T> item) {
    List<T> items = new ArrayList<>();
    List<Double> kept = new ArrayList<>();
    weights.forEach(
        (key, weight) -> {
          if (weight > 0) {
            items.add(item.apply(key));
            kept.add(weight);
          }
        });
    return of(items, kept);
  }

  static <T> WeightedChoice<T> of(List<T> items, List<Double> weights) {
    if (items.isEmpty() || items.size() != weights.size()) {
      throw new IllegalArgumentException("a choice needs at least one item with a positive weight");
    }
    double[] cumulative = new double[weights.size()];
    double total = 0;
    for (int i = 0; i < cumulative.length; i++) {
      total += weights.get(i);
      cumulative[i] = total;
    }
    for (int i = 0; i < cumulative.length; i++) {
      cumulative[i] /= total;
    }
    return new WeightedChoice<>(items, cumulative);
  }

  T pick(double uniform) {
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (uniform < cumulative[mid]) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return items.get(low);
  }

  T pick(SplittableRandom random) {
    return pick(random.nextDouble());
  }
}
