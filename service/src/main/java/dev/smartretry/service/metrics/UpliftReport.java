package dev.smartretry.service.metrics;

import dev.smartretry.service.metrics.CohortQuery.Figures;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The uplift of the smart arm over the control arm, on the cohort's final invoices. */
@Singleton
final class UpliftReport {
  private static final String SMART = "smart";
  private static final String CONTROL = "control";

  private final Cohorts cohorts;

  UpliftReport(Cohorts cohorts) {
    this.cohorts = cohorts;
  }

  UpliftJson uplift(MetricsWindow window, Instant now) {
    Map<String, Tally> tallies = new HashMap<>();
    Map<String, Map<String, Long>> amounts = new HashMap<>();
    for (Figures figures : cohorts.figures(window, RecoveryGrouping.ARM, now)) {
      if (figures.status().equals("scheduled")) {
        continue; // only final invoices are compared
      }
      Tally arm = tallies.computeIfAbsent(figures.key(), key -> new Tally());
      arm.invoices += figures.invoices();
      arm.recovered += figures.recovered();
      if (figures.recoveredAmountMinor() > 0) {
        amounts
            .computeIfAbsent(figures.key(), key -> new TreeMap<>())
            .merge(figures.currency(), figures.recoveredAmountMinor(), Long::sum);
      }
    }
    Tally smart = tallies.getOrDefault(SMART, new Tally());
    Tally control = tallies.getOrDefault(CONTROL, new Tally());
    Uplift uplift = Uplift.of(smart.recovered, smart.invoices, control.recovered, control.invoices);
    return new UpliftJson(
        window.from(),
        window.to(),
        arm(uplift.smart(), amounts.getOrDefault(SMART, Map.of())),
        arm(uplift.control(), amounts.getOrDefault(CONTROL, Map.of())),
        uplift.uplift() == null ? null : Rounding.fourPlaces(uplift.uplift()),
        pair(uplift.upliftCi95()),
        Rounding.threeSignificant(uplift.pValue()),
        uplift.status().wireName());
  }

  private static UpliftJson.Arm arm(ArmRecovery arm, Map<String, Long> recoveredAmounts) {
    return new UpliftJson.Arm(
        arm.invoices(),
        arm.recovered(),
        arm.recoveryRate() == null ? null : Rounding.fourPlaces(arm.recoveryRate()),
        pair(arm.ci95()),
        recoveredAmounts);
  }

  private static List<Double> pair(RateInterval interval) {
    return interval == null
        ? null
        : List.of(Rounding.fourPlaces(interval.lower()), Rounding.fourPlaces(interval.upper()));
  }

  /** One arm's final invoices and how many of them were recovered. */
  private static final class Tally {
    private long invoices;
    private long recovered;
  }
}
