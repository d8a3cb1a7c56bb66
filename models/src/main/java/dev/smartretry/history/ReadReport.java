package dev.smartretry.history;

import java.util.List;
import java.util.Map;

/**
 * What a read of an attempts file found. Every data row is either accepted or counted once under
 * the rule that rejected it, so {@code rowsRead == rowsAccepted + rowsRejected()}.
 *
 * @param rejectedRows rows rejected, by rule; {@link HistoryRule#REJECTED_WITH_INVOICE} counts the
 *     valid rows dropped because another row of their invoice broke a rule
 * @param unknownColumns header names the format does not know; ignored
 * @param absentOptionalColumns optional columns the file lacks; their values are unknown
 * @param unknownDeclineCodes decline codes outside the vocabulary, kept as {@code other}
 * @param firstProblems the first problems found, for showing to a person
 */
public record ReadReport(
    String file,
    long rowsRead,
    long rowsAccepted,
    long invoicesAccepted,
    long invoicesRejected,
    Map<HistoryRule, Long> rejectedRows,
    List<String> unknownColumns,
    List<HistoryColumn> absentOptionalColumns,
    Map<String, Long> unknownDeclineCodes,
    List<HistoryProblem> firstProblems) {
  public ReadReport {
    rejectedRows = Map.copyOf(rejectedRows);
    unknownColumns = List.copyOf(unknownColumns);
    absentOptionalColumns = List.copyOf(absentOptionalColumns);
    unknownDeclineCodes = Map.copyOf(unknownDeclineCodes);
    firstProblems = List.copyOf(firstProblems);
  }

  public long rowsRejected() {
    return rejectedRows.values().stream().mapToLong(Long::longValue).sum();
  }

  public long rejectedRows(HistoryRule rule) {
    return rejectedRows.getOrDefault(rule, 0L);
  }
}
