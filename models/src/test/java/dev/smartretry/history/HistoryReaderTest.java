package dev.smartretry.history;

import static dev.smartretry.history.HistoryFiles.HEADER;
import static dev.smartretry.history.HistoryFiles.csv;
import static dev.smartretry.history.HistoryFiles.lines;
import static dev.smartretry.history.HistoryFiles.recovered;
import static dev.smartretry.history.HistoryFiles.row;
import static dev.smartretry.history.HistoryFiles.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smartretry.SmartRetryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HistoryReaderTest {
  @TempDir Path dir;

  private final List<Invoice> invoices = new ArrayList<>();

  private ReadReport readLenient(Path file) {
    return HistoryReader.builder().build().read(file, invoices::add);
  }

  private SmartRetryException strictFailure(Path file) {
    try {
      HistoryReader.builder().strict(true).build().read(file, invoices::add);
    } catch (SmartRetryException e) {
      return e;
    }
    throw new AssertionError("a strict read of " + file + " succeeded");
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  @Test
  void readsAValidFileIntoInvoices() throws IOException {
    Path file = csv(dir, lines(HEADER, recovered("in_1")));

    ReadReport report = readLenient(file);

    assertThat(report.rowsRead()).isEqualTo(3);
    assertThat(report.rowsAccepted()).isEqualTo(3);
    assertThat(report.invoicesAccepted()).isEqualTo(1);
    assertThat(report.rowsRejected()).isZero();
    Invoice invoice = invoices.get(0);
    assertThat(invoice.invoiceId()).isEqualTo("in_1");
    assertThat(invoice.timezone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(invoice.card().issuerId()).contains("iss_042");
    assertThat(invoice.customerTenureDays()).hasValue(412);
    assertThat(invoice.firstFailureAt()).isEqualTo(Instant.parse("2026-03-01T14:05:00Z"));
    assertThat(invoice.recovered()).isTrue();
    assertThat(invoice.attempts())
        .extracting(Attempt::declineCode)
        .containsExactly(DeclineCode.INSUFFICIENT_FUNDS, DeclineCode.INSUFFICIENT_FUNDS, null);
  }

  @Test
  void writerOutputReadsBackToTheSameInvoices() throws IOException {
    Path source = csv(dir, lines(HEADER, concat(recovered("in_1"), recovered("in_2"))));
    readLenient(source);
    List<Invoice> original = List.copyOf(invoices);
    Path copy = dir.resolve("copy.csv.gz");
    try (HistoryWriter writer = HistoryWriter.open(copy)) {
      original.forEach(writer::write);
    }
    invoices.clear();

    readLenient(copy);

    assertThat(invoices).isEqualTo(original);
  }

  @Test
  void selectionProbabilitiesAreReadWhenTheFileHasThem() throws IOException {
    List<String> rows = recovered("in_1");
    Path file =
        csv(
            dir,
            List.of(
                HEADER + ",selection_probability",
                rows.get(0) + ",",
                rows.get(1) + ",0.8",
                rows.get(2) + ",0.0005934718100890207"));

    ReadReport report = readLenient(file);

    assertThat(report.rowsRejected()).isZero();
    assertThat(report.unknownColumns()).isEmpty();
    assertThat(invoices.get(0).attempts())
        .extracting(Attempt::selectionProbability)
        .containsExactly(
            OptionalDouble.empty(),
            OptionalDouble.of(0.8),
            OptionalDouble.of(0.0005934718100890207));
  }

  @Test
  void aFileWithoutSelectionProbabilitiesIsTheSpecsAndNothingIsMissing() throws IOException {
    ReadReport report = readLenient(csv(dir, lines(HEADER, recovered("in_1"))));

    assertThat(report.absentOptionalColumns()).isEmpty();
    assertThat(invoices.get(0).attempts())
        .allSatisfy(attempt -> assertThat(attempt.selectionProbability()).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1.5", "-0.2", "NaN", "often"})
  void aSelectionProbabilityOutsideZeroToOneRejectsItsInvoice(String value) throws IOException {
    List<String> rows = recovered("in_1");
    Path file =
        csv(
            dir,
            List.of(
                HEADER + ",selection_probability",
                rows.get(0) + ",",
                rows.get(1) + "," + value,
                rows.get(2) + ","));

    ReadReport report = readLenient(file);

    assertThat(report.invoicesAccepted()).isZero();
    assertThat(report.rejectedRows()).containsKey(HistoryRule.UNPARSABLE_VALUE);
  }

  @Test
  void theExportWriterKeepsSelectionProbabilitiesAndTheSpecWriterLeavesThemOut()
      throws IOException {
    Attempt first =
        new Attempt(
            1,
            Instant.parse("2026-03-01T14:05:00Z"),
            Outcome.FAILED,
            DeclineCode.DO_NOT_HONOR,
            OptionalInt.empty());
    Attempt retry =
        new Attempt(
            2,
            Instant.parse("2026-03-02T09:00:00Z"),
            Outcome.SUCCEEDED,
            null,
            OptionalInt.of(1),
            OptionalDouble.of(1.0 / 3));
    Invoice invoice =
        new Invoice(
            "in_p",
            "cus_p",
            4900,
            "EUR",
            BillingInterval.MONTH,
            ZoneId.of("Europe/Paris"),
            OptionalInt.empty(),
            new Card(CardBrand.VISA, CardFunding.DEBIT, "FR", Optional.empty()),
            List.of(first, retry));
    Path exported = dir.resolve("export.csv");
    try (HistoryWriter writer =
        HistoryWriter.open(exported, HistoryWriter.Columns.WITH_SELECTION_PROBABILITY)) {
      writer.write(invoice);
    }
    Path spec = dir.resolve("spec.csv");
    try (HistoryWriter writer = HistoryWriter.open(spec)) {
      writer.write(invoice);
    }

    readLenient(exported);
    assertThat(invoices).containsExactly(invoice);
    assertThat(Files.readAllLines(exported).get(0)).isEqualTo(HEADER + ",selection_probability");
    invoices.clear();
    readLenient(spec);
    assertThat(invoices.get(0).attempts().get(1).selectionProbability()).isEmpty();
    assertThat(Files.readAllLines(spec).get(0)).isEqualTo(HEADER);
  }

  @Test
  void unsortedRowsAreRegroupedEvenWhenSpilledToDisk() throws IOException {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rows.addAll(recovered("in_" + i));
    }
    readLenient(csv(dir, lines(HEADER, rows)));
    List<Invoice> sorted = List.copyOf(invoices);
    Collections.shuffle(rows, new Random(7));
    invoices.clear();

    ReadReport report =
        HistoryReader.builder()
            .maxRowsInMemory(37)
            .tempDirectory(dir)
            .build()
            .read(csv(dir, lines(HEADER, rows)), invoices::add);

    assertThat(report.invoicesAccepted()).isEqualTo(200);
    assertThat(invoices).isEqualTo(sorted);
    try (var left = Files.list(dir)) {
      assertThat(left.filter(p -> p.toString().endsWith(".run"))).isEmpty();
    }
  }

  @Test
  void columnsAreFoundByNameAndUnknownOnesReportedOnce() throws IOException {
    List<String> header = new ArrayList<>(Arrays.asList(HEADER.split(",")));
    List<String> row = new ArrayList<>(Arrays.asList(recovered("in_1").get(0).split(",", -1)));
    Collections.reverse(header);
    Collections.reverse(row);
    header.add("plan");
    row.add("pro");

    ReadReport report =
        readLenient(csv(dir, List.of(String.join(",", header), String.join(",", row))));

    assertThat(report.invoicesAccepted()).isEqualTo(1);
    assertThat(report.unknownColumns()).containsExactly("plan");
    assertThat(invoices.get(0).amountMinor()).isEqualTo(4900);
  }

  @Test
  void optionalColumnsMayBeAbsentAndMeanUnknown() throws IOException {
    String header =
        HEADER.replace(",customer_tenure_days", "").replace(",issuer_id,devices_24h", "");
    String row =
        "in_1,cus_1,1,2026-03-01T14:05:00Z,4900,EUR,month,Europe/Paris,visa,debit,FR,failed,do_not_honor";

    ReadReport report = readLenient(csv(dir, List.of(header, row)));

    assertThat(report.absentOptionalColumns())
        .containsExactly(
            HistoryColumn.CUSTOMER_TENURE_DAYS, HistoryColumn.ISSUER_ID, HistoryColumn.DEVICES_24H);
    Invoice invoice = invoices.get(0);
    assertThat(invoice.customerTenureDays()).isEmpty();
    assertThat(invoice.card().issuerId()).isEmpty();
    assertThat(invoice.attempts().get(0).devices24h()).isEmpty();
  }

  @Test
  void emptyOptionalValuesMeanUnknown() throws IOException {
    String row =
        with(with(row("in_1", 1, "2026-03-01T14:05:00Z", "failed", "do_not_honor"), 13, ""), 8, "");

    readLenient(csv(dir, List.of(HEADER, row)));

    assertThat(invoices.get(0).attempts().get(0).devices24h()).isEmpty();
    assertThat(invoices.get(0).customerTenureDays()).isEmpty();
  }

  @Test
  void missingRequiredColumnStopsEvenALenientRead() throws IOException {
    Path file = csv(dir, List.of(HEADER.replace("attempted_at,", ""), "x"));

    assertThatThrownBy(() -> readLenient(file))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining(file + ":1:")
        .hasMessageContaining("missing_column")
        .hasMessageContaining("attempted_at");
  }

  @Test
  void duplicateColumnStopsTheRead() throws IOException {
    Path file = csv(dir, List.of(HEADER + ",currency", recovered("in_1").get(0) + ",EUR"));

    assertThatThrownBy(() -> readLenient(file))
        .hasMessageContaining("column currency: duplicate_column");
  }

  @Test
  void emptyFileIsRefused() throws IOException {
    Path file = dir.resolve("empty.csv");
    Files.writeString(file, "");

    assertThatThrownBy(() -> readLenient(file)).hasMessageContaining("empty_file");
  }

  @Test
  void headerWithoutRowsIsRefused() throws IOException {
    Path file = csv(dir, List.of(HEADER));

    assertThatThrownBy(() -> readLenient(file)).hasMessageContaining("no_rows");
  }

  @Test
  void missingFileIsRefused() {
    Path file = dir.resolve("nope.csv");

    assertThatThrownBy(() -> readLenient(file)).hasMessageContaining("no such file");
  }

  @Test
  void truncatedGzipIsRefused() throws IOException {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      rows.addAll(recovered("in_" + i));
    }
    byte[] whole = HistoryFiles.gzipBytes(String.join("\n", lines(HEADER, rows)));
    Path file = dir.resolve("cut.csv.gz");
    Files.write(file, Arrays.copyOf(whole, whole.length / 2));

    assertThatThrownBy(() -> readLenient(file))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining("truncated_file");
    assertThat(invoices).isEmpty();
  }

  @Test
  void gzipIsDetectedByContentNotName() throws IOException {
    Path file = HistoryFiles.gzip(dir, "renamed.csv", lines(HEADER, recovered("in_1")));

    assertThat(readLenient(file).invoicesAccepted()).isEqualTo(1);
  }

  @Test
  void binaryFileIsNotCsv() throws IOException {
    Path file = dir.resolve("picture.csv");
    byte[] bytes = new byte[4096];
    new Random(1).nextBytes(bytes);
    bytes[0] = (byte) 0x89;
    Files.write(file, bytes);

    assertThatThrownBy(() -> readLenient(file)).hasMessageContaining("not_csv");
  }

  @Test
  void textThatIsNotAnAttemptsFileSaysSo() throws IOException {
    Path file = csv(dir, List.of("name;age", "ann;31"));

    assertThatThrownBy(() -> readLenient(file))
        .hasMessageContaining("missing_column")
        .hasMessageContaining("is this an attempts CSV?");
  }

  @Test
  void byteOrderMarkIsIgnored() throws IOException {
    Path file = csv(dir, lines("\uFEFF" + HEADER, recovered("in_1")));

    assertThat(readLenient(file).invoicesAccepted()).isEqualTo(1);
  }

  /** One broken row: lenient drops its invoice and counts it; strict stops, naming the place. */
  @ParameterizedTest(name = "{2} in column {0}")
  @CsvSource({
    "3, 2026-03-02 23:05, unparsable_value, attempted_at",
    "3, 2026-03-02T25:05:00Z, unparsable_value, attempted_at",
    "3, 1999-12-31T23:59:59Z, unparsable_value, attempted_at",
    "3, 2100-01-01T00:00:00Z, unparsable_value, attempted_at",
    "7, Europe/Springfield, unknown_time_zone, timezone",
    "7, +02:00, unknown_time_zone, timezone",
    "7, UTC+02:00, unknown_time_zone, timezone",
    "7, UT-05:00, unknown_time_zone, timezone",
    "4, 0, non_positive_amount, amount_minor",
    "4, -4900, non_positive_amount, amount_minor",
    "4, 49.00, unparsable_value, amount_minor",
    "5, XYZ, unknown_currency, currency",
    "5, eur, unknown_currency, currency",
    "11, XX, unknown_country, card_country",
    "9, maestro, unparsable_value, card_brand",
    "6, monthly, unparsable_value, billing_interval",
    "2, 0, invalid_attempt_number, attempt_number",
    "2, two, unparsable_value, attempt_number",
    "13, -1, negative_value, devices_24h",
    "8, -3, negative_value, customer_tenure_days",
    "14, declined, unparsable_value, outcome",
    "0, '', missing_value, invoice_id",
    "1, '', missing_value, customer_id",
  })
  void badValueRejectsItsInvoice(int column, String value, String rule, String header)
      throws IOException {
    List<String> rows = new ArrayList<>(recovered("in_bad"));
    rows.set(1, with(rows.get(1), column, value));
    rows.addAll(recovered("in_good"));
    Path file = csv(dir, lines(HEADER, rows));

    ReadReport report = readLenient(file);

    HistoryRule expected = HistoryRule.valueOf(rule.toUpperCase());
    assertThat(invoices).extracting(Invoice::invoiceId).containsExactly("in_good");
    assertThat(report.rejectedRows(expected)).isEqualTo(1);
    assertThat(report.rowsRead()).isEqualTo(report.rowsAccepted() + report.rowsRejected());
    assertThat(report.firstProblems().get(0).line()).isEqualTo(3);
    assertThat(report.firstProblems().get(0).column().header()).isEqualTo(header);
    if (column != 0) {
      assertThat(report.invoicesRejected()).isEqualTo(1);
      assertThat(report.rejectedRows(HistoryRule.REJECTED_WITH_INVOICE)).isEqualTo(2);
    }
    invoices.clear();
    assertThat(strictFailure(file))
        .hasMessageStartingWith(file + ":3: column " + header + ": " + rule + ":");
  }

  @Test
  void successWithDeclineCodeIsRejected() throws IOException {
    List<String> rows = new ArrayList<>(recovered("in_1"));
    rows.set(2, with(rows.get(2), 15, "insufficient_funds"));
    Path file = csv(dir, lines(HEADER, rows));

    ReadReport report = readLenient(file);

    assertThat(report.rejectedRows(HistoryRule.SUCCESS_WITH_DECLINE_CODE)).isEqualTo(1);
    assertThat(strictFailure(file))
        .hasMessageContaining(":4: column decline_code: success_with_decline_code");
  }

  @Test
  void failureWithoutDeclineCodeIsRejected() throws IOException {
    List<String> rows = new ArrayList<>(recovered("in_1"));
    rows.set(1, with(rows.get(1), 15, ""));

    ReadReport report = readLenient(csv(dir, lines(HEADER, rows)));

    assertThat(report.rejectedRows(HistoryRule.FAILURE_WITHOUT_DECLINE_CODE)).isEqualTo(1);
  }

  @Test
  void rowWithWrongFieldCountIsMalformed() throws IOException {
    List<String> rows = new ArrayList<>(recovered("in_1"));
    rows.set(1, rows.get(1) + ",extra");
    Path file = csv(dir, lines(HEADER, rows));

    ReadReport report = readLenient(file);

    assertThat(report.rejectedRows(HistoryRule.MALFORMED_ROW)).isEqualTo(1);
    assertThat(report.invoicesRejected()).isEqualTo(1);
    assertThat(strictFailure(file)).hasMessageContaining(":3: malformed_row: 17 fields");
  }

  @Test
  void unknownDeclineCodeBecomesOtherAndIsCounted() throws IOException {
    List<String> rows = new ArrayList<>(recovered("in_1"));
    rows.set(1, with(rows.get(1), 15, "card_on_fire"));

    ReadReport report =
        HistoryReader.builder()
            .strict(true)
            .build()
            .read(csv(dir, lines(HEADER, rows)), invoices::add);

    assertThat(invoices.get(0).attempts().get(1).declineCode()).isEqualTo(DeclineCode.OTHER);
    assertThat(report.unknownDeclineCodes()).containsEntry("card_on_fire", 1L);
  }

  @Test
  void attemptNumbersThatSkipRejectTheInvoice() throws IOException {
    List<String> rows = new ArrayList<>(recovered("in_1"));
    rows.remove(1);
    Path file = csv(dir, lines(HEADER, rows));

    ReadReport report = readLenient(file);

    assertThat(invoices).isEmpty();
    assertThat(report.rejectedRows(HistoryRule.ATTEMPT_NUMBER_GAP)).isEqualTo(1);
    assertThat(report.rejectedRows(HistoryRule.REJECTED_WITH_INVOICE)).isEqualTo(1);
    assertThat(strictFailure(file))
        .hasMessageContaining(
            ":3: column attempt_number: attempt_number_gap: invoice in_1 goes from attempt 1 to 3");
  }

  @Test
  void attemptNumbersThatDoNotStartAtOneRejectTheInvoice() throws IOException {
    List<String> rows = new ArrayList<>(recovered("in_1"));
    rows.remove(0);

    ReadReport report = readLenient(csv(dir, lines(HEADER, rows)));

    assertThat(report.rejectedRows(HistoryRule.ATTEMPTS_NOT_FROM_ONE)).isEqualTo(1);
  }

  @Test
  void identicalRepeatedRowIsReportedAndDropped() throws IOException {
    List<String> rows = new ArrayList<>(recovered("in_1"));
    rows.add(rows.get(1));
    Path file = csv(dir, lines(HEADER, rows));

    ReadReport report = readLenient(file);

    assertThat(invoices).hasSize(1);
    assertThat(invoices.get(0).attempts()).hasSize(3);
    assertThat(report.rejectedRows(HistoryRule.DUPLICATE_ROW)).isEqualTo(1);
    assertThat(report.rowsRead()).isEqualTo(report.rowsAccepted() + report.rowsRejected());
    assertThat(strictFailure(file))
        .hasMessageContaining(":5: column attempt_number: duplicate_row: repeats line 3");
  }

  @Test
  void conflictingRepeatedAttemptRejectsTheInvoice() throws IOException {
    List<String> rows = new ArrayList<>(recovered("in_1"));
    rows.add(with(rows.get(1), 3, "2026-03-02T23:59:00Z"));

    ReadReport report = readLenient(csv(dir, lines(HEADER, rows)));

    assertThat(invoices).isEmpty();
    assertThat(report.rejectedRows(HistoryRule.DUPLICATE_ROW)).isEqualTo(1);
    assertThat(report.rejectedRows(HistoryRule.REJECTED_WITH_INVOICE)).isEqualTo(3);
  }

  @Test
  void rowsAfterASuccessRejectTheInvoice() throws IOException {
    List<String> rows = new ArrayList<>(recovered("in_1"));
    rows.add(row("in_1", 4, "2026-03-05T01:00:00Z", "failed", "insufficient_funds"));
    Path file = csv(dir, lines(HEADER, rows));

    ReadReport report = readLenient(file);

    assertThat(report.rejectedRows(HistoryRule.ROW_AFTER_SUCCESS)).isEqualTo(1);
    assertThat(strictFailure(file))
        .hasMessageContaining(":5: column attempt_number: row_after_success");
  }

  @Test
  void succeededOriginalChargeIsRejected() throws IOException {
    Path file = csv(dir, List.of(HEADER, row("in_1", 1, "2026-03-01T14:05:00Z", "succeeded", "")));

    ReadReport report = readLenient(file);

    assertThat(report.rejectedRows(HistoryRule.FIRST_ATTEMPT_SUCCEEDED)).isEqualTo(1);
  }

  @Test
  void attemptsOutOfTimeOrderRejectTheInvoice() throws IOException {
    List<String> rows = new ArrayList<>(recovered("in_1"));
    rows.set(2, with(rows.get(2), 3, "2026-03-02T23:05:00Z"));

    ReadReport report = readLenient(csv(dir, lines(HEADER, rows)));

    assertThat(report.rejectedRows(HistoryRule.ATTEMPTS_OUT_OF_TIME_ORDER)).isEqualTo(1);
  }

  @Test
  void invoiceWhoseAmountChangesIsRejected() throws IOException {
    List<String> rows = new ArrayList<>(recovered("in_1"));
    rows.set(2, with(rows.get(2), 4, "5900"));

    ReadReport report = readLenient(csv(dir, lines(HEADER, rows)));

    assertThat(report.rejectedRows(HistoryRule.INCONSISTENT_INVOICE)).isEqualTo(1);
    assertThat(report.firstProblems().get(0).column()).isEqualTo(HistoryColumn.AMOUNT_MINOR);
  }

  @Test
  void quotedFieldsWithCommasAreRead() throws IOException {
    List<String> rows = new ArrayList<>(recovered("in_1"));
    rows.replaceAll(r -> with(r, 1, "\"cus, ltd\""));

    readLenient(csv(dir, lines(HEADER, rows)));

    assertThat(invoices.get(0).customerId()).isEqualTo("cus, ltd");
  }

  @Test
  void unterminatedQuoteIsNotCsv() throws IOException {
    List<String> rows = new ArrayList<>(recovered("in_1"));
    rows.set(1, with(rows.get(1), 1, "\"cus_open"));

    assertThatThrownBy(() -> readLenient(csv(dir, lines(HEADER, rows))))
        .hasMessageContaining("not_csv");
  }

  @Test
  void progressIsReportedInFileBytes() throws IOException {
    Path file = csv(dir, lines(HEADER, recovered("in_1")));
    List<Long> seen = new ArrayList<>();

    HistoryReader.builder().progress(seen::add).build().read(file, invoices::add);

    assertThat(seen).last().isEqualTo(Files.size(file));
  }
}
