package dev.smartretry.service.metrics;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** The live model's calibration on the retries the scheduler executed. */
@Singleton
final class CalibrationReport {
  static final int BINS = 10;

  private final Cohorts cohorts;

  CalibrationReport(Cohorts cohorts) {
    this.cohorts = cohorts;
  }

  CalibrationJson calibration(MetricsWindow window) {
    List<CalibrationJson.Bin> bins = new ArrayList<>();
    long retries = 0;
    double loss = 0;
    for (Cohorts.CalibrationRow row : cohorts.calibration(window, BINS)) {
      bins.add(
          new CalibrationJson.Bin(
              Rounding.twoPlaces((double) row.bin() / BINS),
              Rounding.twoPlaces((double) (row.bin() + 1) / BINS),
              row.retries(),
              Rounding.fourPlaces(row.meanPredicted()),
              Rounding.fourPlaces(row.observedRate())));
      retries += row.retries();
      loss += row.logLossSum();
    }
    return new CalibrationJson(
        window.from(),
        window.to(),
        retries,
        retries == 0 ? null : Rounding.fourPlaces(loss / retries),
        bins);
  }
}
