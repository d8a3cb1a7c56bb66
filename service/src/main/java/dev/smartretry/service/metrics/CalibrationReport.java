package dev.smartretry.service.metrics;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live model's calibration on the retries the scheduler executed: over the whole window and
 * week by week, so that a person sees when its probabilities stop holding and it is time to
 * retrain.
 */
@Singleton
final class CalibrationReport {
  static final int BINS = 10;

  private final PredictedRetries retries;

  CalibrationReport(PredictedRetries retries) {
    this.retries = retries;
  }

  CalibrationJson calibration(MetricsWindow window) {
    List<PredictedRetries.Tally> tallies = retries.byWeekAndBin(window.from(), window.to(), BINS);
    Map<String, List<PredictedRetries.Tally>> byWeek = new TreeMap<>();
    Map<Integer, List<PredictedRetries.Tally>> byBin = new TreeMap<>();
    for (PredictedRetries.Tally tally : tallies) {
      byWeek.computeIfAbsent(tally.week(), week -> new ArrayList<>()).add(tally);
      byBin.computeIfAbsent(tally.bin(), bin -> new ArrayList<>()).add(tally);
    }
    List<CalibrationJson.Week> weeks = new ArrayList<>();
    byWeek.forEach(
        (week, ofWeek) ->
            weeks.add(
                new CalibrationJson.Week(week, count(ofWeek), logLoss(ofWeek), bins(ofWeek))));
    return new CalibrationJson(
        window.from(), window.to(), count(tallies), logLoss(tallies), bins(tallies), weeks);
  }

  /** The mean log loss of the retries executed in {@code [from, to)}; null if there were none. */
  Double logLoss(Instant from, Instant to) {
    return logLoss(retries.byWeekAndBin(from, to, BINS));
  }

  private static List<CalibrationJson.Bin> bins(List<PredictedRetries.Tally> tallies) {
    Map<Integer, long[]> counts = new TreeMap<>();
    Map<Integer, Double> predicted = new TreeMap<>();
    for (PredictedRetries.Tally tally : tallies) {
      long[] count = counts.computeIfAbsent(tally.bin(), bin -> new long[2]);
      count[0] += tally.retries();
      count[1] += tally.succeeded();
      predicted.merge(tally.bin(), tally.predictedSum(), Double::sum);
    }
    List<CalibrationJson.Bin> bins = new ArrayList<>();
    counts.forEach(
        (bin, count) ->
            bins.add(
                new CalibrationJson.Bin(
                    Rounding.twoPlaces((double) bin / BINS),
                    Rounding.twoPlaces((double) (bin + 1) / BINS),
                    count[0],
                    Rounding.fourPlaces(predicted.get(bin) / count[0]),
                    Rounding.fourPlaces((double) count[1] / count[0]))));
    return bins;
  }

  private static long count(List<PredictedRetries.Tally> tallies) {
    return tallies.stream().mapToLong(PredictedRetries.Tally::retries).sum();
  }

  private static Double logLoss(List<PredictedRetries.Tally> tallies) {
    long count = count(tallies);
    if (count == 0) {
      return null;
    }
    double sum = tallies.stream().mapToDouble(PredictedRetries.Tally::logLossSum).sum();
    return Rounding.fourPlaces(sum / count);
  }
}
