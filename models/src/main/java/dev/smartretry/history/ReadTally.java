package dev.smartretry.history;

import dev.smartretry.SmartRetryException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The running counts of one read, and the one place that decides what a broken rule does: stop a
 * strict read, or count it in a lenient one.
 */
final class ReadTally {
  private static final int PROBLEMS_KEPT = 20;

  private final String file;
  private final boolean strict;
  private final Map<HistoryRule, Long> rejectedRows = new EnumMap<>(HistoryRule.class);
  private final Map<String, Long> unknownDeclineCodes = new TreeMap<>();
  private final List<HistoryProblem> firstProblems = new ArrayList<>();
  private List<String> unknownColumns = List.of();
  private List<HistoryColumn> absentOptionalColumns = List.of();
  private long rowsRead;
  private long rowsAccepted;
  private long invoicesAccepted;
  private long invoicesRejected;

  ReadTally(String file, boolean strict) {
    this.file = file;
    this.strict = strict;
  }

  String file() {
    return file;
  }

  /** Stops the read: file rules always, any rule when strict. Otherwise counts one row. */
  void reject(HistoryProblem problem) {
    if (strict || problem.rule().scope() == HistoryRule.Scope.FILE) {
      throw new SmartRetryException(problem.toString());
    }
    countRejected(problem.rule(), 1);
    if (firstProblems.size() < PROBLEMS_KEPT) {
      firstProblems.add(problem);
    }
  }

  void countRejected(HistoryRule rule, long rows) {
    if (rows > 0) {
      rejectedRows.merge(rule, rows, Long::sum);
    }
  }

  void rowRead() {
    rowsRead++;
  }

  long rowsRead() {
    return rowsRead;
  }

  void unknownDeclineCode(String code) {
    unknownDeclineCodes.merge(code, 1L, Long::sum);
  }

  void invoiceAccepted(int rows) {
    invoicesAccepted++;
    rowsAccepted += rows;
  }

  void invoiceRejected() {
    invoicesRejected++;
  }

  void header(List<String> unknownColumns, List<HistoryColumn> absentOptionalColumns) {
    this.unknownColumns = List.copyOf(unknownColumns);
    this.absentOptionalColumns = List.copyOf(absentOptionalColumns);
  }

  ReadReport report() {
    return new ReadReport(
        file,
        rowsRead,
        rowsAccepted,
        invoicesAccepted,
        invoicesRejected,
        rejectedRows,
        unknownColumns,
        absentOptionalColumns,
        unknownDeclineCodes,
        firstProblems);
  }
}
