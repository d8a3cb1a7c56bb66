package dev.smartretry.history;

import java.util.Objects;

/**
 * One broken rule, located: the file, the 1-based line (0 for the whole file), the column (null
 * when the rule is about the whole row or file), and a detail that names the offending value.
 */
public record HistoryProblem(
    String file, long line, HistoryColumn column, HistoryRule rule, String detail) {
  public HistoryProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(detail, "detail");
  }

  /** E.g. {@code a.csv:12: column attempted_at: unparsable_value: "2026-13-01" is not ...}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(file);
    if (line > 0) {
      text.append(':').append(line);
    }
    text.append(": ");
    if (column != null) {
      text.append("column ").append(column.header()).append(": ");
    }
    return text.append(rule.id()).append(": ").append(detail).toString();
  }
}
