package dev.smartretry.generator;

import java.util.List;

/**
 * @param weight share of invoices on this schedule
 * @param days retry offsets in days after the original charge, increasing
 */
public record FixedSchedule(double weight, List<Double> days) {
  public FixedSchedule {
    Check.probability("weight", weight);
    days = List.copyOf(Check.present("days", days));
    double previous = 0;
    for (double day : days) {
      if (!(day > previous)) {
        throw new IllegalArgumentException("days must be positive and increasing: " + days);
      }
      previous = day;
    }
  }
}
