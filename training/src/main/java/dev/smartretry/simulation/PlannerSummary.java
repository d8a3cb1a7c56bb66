package dev.smartretry.simulation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * One planner at one retry budget over every world of a benchmark: the middle and the worst world,
 * so that a planner good on average but lost in some worlds shows as such.
 *
 * @param medianHours the median over worlds of the planner's median hours to recovery
 * @param evenlyMedianHours the same for the evenly spread schedule
 * @param worldsNoSlower worlds where the planner's median hours to recovery are at most the evenly
 *     spread schedule's
 * @param violations retries that broke a rule, over all worlds
 */
public record PlannerSummary(
    int maxRetries,
    String planner,
    int worlds,
    double medianGapClosed,
    double worstGapClosed,
    double medianRecoveryRate,
    double medianEvenlyRate,
    double medianOracleRate,
    double medianRetriesPerInvoice,
    double medianHours,
    double evenlyMedianHours,
    int worldsNoSlower,
    long violations) {

  /** One summary per budget and planner, in the order the worlds report them. */
  static List<PlannerSummary> of(List<WorldResult> worlds) {
    Set<Integer> budgets = new LinkedHashSet<>();
    Set<String> planners = new LinkedHashSet<>();
    for (WorldResult world : worlds) {
      for (WorldScore score : world.scores()) {
        budgets.add(score.maxRetries());
        score.planners().forEach(planner -> planners.add(planner.name()));
      }
    }
    List<PlannerSummary> summaries = new ArrayList<>();
    for (int budget : budgets) {
      List<WorldScore> scores =
          worlds.stream()
              .flatMap(world -> world.scores().stream())
              .filter(score -> score.maxRetries() == budget)
              .toList();
      for (String planner : planners) {
        summaries.add(of(budget, planner, scores));
      }
    }
    return summaries;
  }

  private static PlannerSummary of(int budget, String name, List<WorldScore> scores) {
    List<PlannerScore> planners = scores.stream().map(score -> score.planner(name)).toList();
    int noSlower = 0;
    for (WorldScore score : scores) {
      noSlower += score.planner(name).medianHours() <= score.evenlyMedianHours() ? 1 : 0;
    }
    return new PlannerSummary(
        budget,
        name,
        scores.size(),
        median(planners, PlannerScore::gapClosed),
        planners.stream()
            .mapToDouble(PlannerScore::gapClosed)
            .filter(gap -> !Double.isNaN(gap))
            .min()
            .orElse(Double.NaN),
        median(planners, PlannerScore::recoveryRate),
        median(scores, WorldScore::evenlyRate),
        median(scores, WorldScore::oracleRate),
        median(planners, PlannerScore::retriesPerInvoice),
        median(planners, PlannerScore::medianHours),
        median(scores, WorldScore::evenlyMedianHours),
        noSlower,
        planners.stream().mapToLong(PlannerScore::violations).sum());
  }

  private static <T> double median(List<T> items, ToDoubleFunction<T> value) {
    return Median.of(items.stream().mapToDouble(value).toArray());
  }
}
