package dev.smartretry.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.smartretry.SmartRetryException;
import dev.smartretry.generator.HistoryGenerator;
import dev.smartretry.generator.WorldConfig;
import dev.smartretry.model.ModelDirectory;
import dev.smartretry.model.RetryModel;
import dev.smartretry.scoring.ScoreSummary;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which rows evaluation scores, counted independently of the reader: straight from the CSV with
 * commons-csv. The shipped default model does the scoring, so no training is needed here.
 */
class ModelEvaluationTest {
  private static final String BROKEN = "in_broken";
  private static final CSVFormat HEADED =
      CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

  @TempDir static Path dir;
  private static RetryModel model;
  private static Path history;

  @BeforeAll
  static void generate() throws IOException {
    model = ModelDirectory.loadDefault();
    Path generated = dir.resolve("generated.csv");
    new HistoryGenerator(WorldConfig.defaults(), 11).write(generated, 400, done -> {});
    // One invoice more, a copy of the first with its second attempt's time broken: the reader
    // rejects it whole, so none of its retries may be scored.
    history = dir.resolve("history.csv");
    rewrite(
        generated,
        history,
        rows -> {
          String first = rows.get(0).get("invoice_id");
          List<Map<String, String>> all = new ArrayList<>(rows);
          for (Map<String, String> row : rows) {
            if (row.get("invoice_id").equals(first)) {
              Map<String, String> copy = new HashMap<>(row);
              copy.put("invoice_id", BROKEN);
              if (copy.get("attempt_number").equals("2")) {
                copy.put("attempted_at", "yesterday");
              }
              all.add(copy);
            }
          }
          return all;
        });
  }

  private static List<Map<String, String>> rows(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file);
        CSVParser parser = CSVParser.parse(reader, HEADED)) {
      List<Map<String, String>> rows = new ArrayList<>();
      for (CSVRecord record : parser) {
        rows.add(record.toMap());
      }
      return rows;
    }
  }

  private static List<String> header(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file);
        CSVParser parser = CSVParser.parse(reader, HEADED)) {
      return parser.getHeaderNames();
    }
  }

  /** Writes {@code to} with the rows of {@code from} after {@code change}, in the same columns. */
  private static void rewrite(Path from, Path to, UnaryOperator<List<Map<String, String>>> change)
      throws IOException {
    List<String> header = header(from);
    List<Map<String, String>> rows = change.apply(rows(from));
    try (Writer writer = Files.newBufferedWriter(to);
        CSVPrinter printer =
            CSVFormat.RFC4180
                .builder()
                .setHeader(header.toArray(String[]::new))
                .get()
                .print(writer)) {
      for (Map<String, String> row : rows) {
        printer.printRecord(header.stream().map(row::get).toList());
      }
    }
  }

  private static int attemptNumber(Map<String, String> row) {
    return Integer.parseInt(row.get("attempt_number"));
  }

  @Test
  void scoresExactlyTheRetryRowsOfAcceptedInvoices() throws IOException {
    List<Map<String, String>> rows = rows(history);
    long brokenRows = rows.stream().filter(row -> row.get("invoice_id").equals(BROKEN)).count();
    List<Map<String, String>> retries =
        rows.stream()
            .filter(row -> !row.get("invoice_id").equals(BROKEN) && attemptNumber(row) >= 2)
            .toList();
    long succeeded = retries.stream().filter(row -> row.get("outcome").equals("succeeded")).count();

    EvaluationReport report = ModelEvaluation.evaluate(model, history, done -> {});

    assertThat(brokenRows).isGreaterThan(1);
    assertThat(report.invoices()).isEqualTo(400);
    assertThat(report.rowsRejected()).isEqualTo(brokenRows);
    assertThat(report.overall().count()).isEqualTo(retries.size());
    assertThat(report.overall().successRate() * report.overall().count())
        .isCloseTo(succeeded, offset(1e-6));
    assertThat(report.model()).isEqualTo(model.version());
  }

  @Test
  void groupsSplitTheSameRetriesByRetryNumberAndPreviousDeclineCode() throws IOException {
    List<Map<String, String>> rows = rows(history);
    Map<String, Map<Integer, String>> codes = new HashMap<>();
    for (Map<String, String> row : rows) {
      codes
          .computeIfAbsent(row.get("invoice_id"), id -> new HashMap<>())
          .put(attemptNumber(row), row.get("decline_code"));
    }
    Map<String, Long> byRetryNumber = new TreeMap<>();
    Map<String, Long> byPreviousCode = new TreeMap<>();
    for (Map<String, String> row : rows) {
      int number = attemptNumber(row);
      if (row.get("invoice_id").equals(BROKEN) || number < 2) {
        continue;
      }
      int retry = number - 1;
      byRetryNumber.merge(retry >= 10 ? "10+" : String.valueOf(retry), 1L, Long::sum);
      byPreviousCode.merge(codes.get(row.get("invoice_id")).get(number - 1), 1L, Long::sum);
    }

    EvaluationReport report = ModelEvaluation.evaluate(model, history, done -> {});

    assertThat(counts(report.byRetryNumber())).isEqualTo(byRetryNumber);
    assertThat(counts(report.byPreviousDeclineCode())).isEqualTo(byPreviousCode);
    // Retry numbers in their natural order, not as strings sort ("10+" last, not after "1").
    List<String> numbers = report.byRetryNumber().stream().map(GroupScore::group).toList();
    assertThat(numbers.get(0)).isEqualTo("1");
    assertThat(numbers)
        .isSortedAccordingTo(
            (a, b) ->
                Integer.compare(
                    Integer.parseInt(a.replace("+", "")), Integer.parseInt(b.replace("+", ""))));
  }

  private static Map<String, Long> counts(List<GroupScore> groups) {
    Map<String, Long> counts = new TreeMap<>();
    groups.forEach(group -> counts.put(group.group(), group.count()));
    return counts;
  }

  @Test
  void aRetrysOwnOutcomeAndDevicesNeverReachItsScore() throws IOException {
    // Every recovering retry turned into a failure, with other devices seen: were the row's own
    // outcome or devices_24h among its features, the predictions would move.
    Path changed = dir.resolve("changed.csv");
    rewrite(
        history,
        changed,
        rows -> {
          List<Map<String, String>> all = new ArrayList<>();
          for (Map<String, String> row : rows) {
            Map<String, String> copy = new HashMap<>(row);
            if (copy.get("outcome").equals("succeeded")) {
              copy.put("outcome", "failed");
              copy.put("decline_code", "do_not_honor");
              copy.put("devices_24h", "9");
            }
            all.add(copy);
          }
          return all;
        });

    ScoreSummary before = ModelEvaluation.evaluate(model, history, done -> {}).overall();
    ScoreSummary after = ModelEvaluation.evaluate(model, changed, done -> {}).overall();

    assertThat(after.count()).isEqualTo(before.count());
    assertThat(after.successRate()).isZero();
    assertThat(before.successRate()).isPositive();
    assertThat(after.meanPredicted()).isCloseTo(before.meanPredicted(), offset(1e-12));
  }

  @Test
  void aFileWithoutRetriesHasNothingToScore() throws IOException {
    Path originals = dir.resolve("originals.csv");
    rewrite(
        history, originals, rows -> rows.stream().filter(row -> attemptNumber(row) == 1).toList());

    assertThatThrownBy(() -> ModelEvaluation.evaluate(model, originals, done -> {}))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining("no retry rows");
  }
}
