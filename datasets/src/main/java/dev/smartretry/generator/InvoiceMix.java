package dev.smartretry.generator;

import dev.smartretry.history.BillingInterval;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * @param intervals billing intervals ({@code month}, {@code year}, {@code week}, {@code one_off})
 *     with weights
 * @param medianAmountUsd median invoice amount per interval, in US dollars (converted with the
 *     country's {@link CountryProfile#minorUnitsPerUsd()})
 * @param amountSigma log-normal spread of amounts around the median
 */
public record InvoiceMix(
    Map<String, Double> intervals, Map<String, Double> medianAmountUsd, double amountSigma) {
  private static final Set<String> INTERVALS = Check.wireNames(BillingInterval.values());

  public InvoiceMix {
    intervals = Check.weights("invoices.intervals", intervals, INTERVALS);
    medianAmountUsd = Check.sorted("invoices.medianAmountUsd", medianAmountUsd);
    if (!medianAmountUsd.keySet().equals(INTERVALS)) {
      throw new IllegalArgumentException(
          "invoices.medianAmountUsd needs exactly the intervals " + INTERVALS);
    }
    medianAmountUsd.forEach((k, v) -> Check.positive("invoices.medianAmountUsd." + k, v));
    Check.nonNegative("invoices.amountSigma", amountSigma);
  }

  /** A world's invoices, drawn for {@link RandomWorlds}: other mixes, cheaper or dearer. */
  static InvoiceMix drawn(SplittableRandom random, InvoiceMix defaults) {
    double scale = Draws.logUniform(random, 0.3, 4);
    Map<String, Double> amounts = new TreeMap<>();
    defaults.medianAmountUsd().forEach((interval, usd) -> amounts.put(interval, usd * scale));
    return new InvoiceMix(
        RandomWorlds.perturbed(random, defaults.intervals(), 0.8),
        amounts,
        Draws.uniform(random, 0.3, 1.2));
  }
}
