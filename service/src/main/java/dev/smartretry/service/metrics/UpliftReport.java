package dev.smartretry.service.metrics;

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
    Map<String, Cohorts.ArmRow> totals = new HashMap<>();
    Map<String, Map<String, Long>> amounts = new HashMap<>();
    for (Cohorts.ArmRow row : cohorts.arms(window, now)) {
      if (row.currency() == null) {
        totals.put(row.arm(), row);
      } else if (row.recoveredAmount() > 0) {
        amounts
            .computeIfAbsent(row.arm(), arm -> new TreeMap<>())
            .put(row.currency(), row.recoveredAmount());
      }
    }
    Cohorts.ArmRow smart = totals.getOrDefault(SMART, new Cohorts.ArmRow(SMART, null, 0, 0, 0));
    Cohorts.ArmRow control =
        totals.getOrDefault(CONTROL, new Cohorts.ArmRow(CONTROL, null, 0, 0, 0));
    Uplift uplift =
        Uplift.of(smart.recovered(), smart.invoices(), control.recovered(), control.invoices());
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
}
