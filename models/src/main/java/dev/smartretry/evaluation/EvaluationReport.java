package dev.smartretry.evaluation;

import dev.smartretry.scoring.ScoreSummary;
import java.util.List;

/**
 * A model's scores on a history: every retry row, scored with what was known at its decision, and
 * the planner driven by the model replayed on the same invoices.
 *
 * @param invoices invoices read; {@code rowsRejected} rows were left out by the reader's rules
 * @param replay the planner's simulated recovery on the history (see {@link PlannerReplay})
 */
public record EvaluationReport(
    String model,
    String data,
    long invoices,
    long rowsRejected,
    ScoreSummary overall,
    List<GroupScore> byPreviousDeclineCode,
    List<GroupScore> byRetryNumber,
    ReplayReport replay) {}
