package dev.smartretry.history;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Function;
import org.apache.commons.csv.CSVRecord;

/**
 * Turns one CSV record into an {@link AttemptRow}, enforcing the row rules. The first broken rule
 * of a row is reported to the tally and the row is dropped; the parser never guesses a value.
 */
final class RowParser {
  private final ReadTally tally;
  private final Map<HistoryColumn, Integer> indexes;
  private final int fieldCount;

  private RowParser(ReadTally tally, Map<HistoryColumn, Integer> indexes, int fieldCount) {
    this.tally = tally;
    this.indexes = indexes;
    this.fieldCount = fieldCount;
  }

  /**
   * Maps the header's names to columns. A missing required column or a repeated name stops the
   * read; unknown names and absent optional columns are recorded in the tally, once.
   */
  static RowParser forHeader(List<String> header, ReadTally tally) {
    Map<HistoryColumn, Integer> indexes = new EnumMap<>(HistoryColumn.class);
    List<String> unknown = new ArrayList<>();
    for (int index = 0; index < header.size(); index++) {
      // A byte-order mark, as spreadsheet exports write, is not part of the first name.
      String name = header.get(index).replace("\uFEFF", "").strip();
      var column = HistoryColumn.fromHeader(name);
      if (column.isEmpty()) {
        unknown.add(name);
      } else if (indexes.putIfAbsent(column.get(), index) != null) {
        tally.reject(
            new HistoryProblem(
                tally.file(), 1, column.get(), HistoryRule.DUPLICATE_COLUMN, "named twice"));
      }
    }
    List<String> missing = new ArrayList<>();
    List<HistoryColumn> absentOptional = new ArrayList<>();
    for (HistoryColumn column : HistoryColumn.values()) {
      if (!indexes.containsKey(column)) {
        if (column.isRequired()) {
          missing.add(column.header());
        } else if (!column.isExtension()) {
          absentOptional.add(column);
        }
      }
    }
    if (!missing.isEmpty()) {
      String detail =
          indexes.isEmpty()
              ? "no known column in the header " + abbreviate(header) + "; is this an attempts CSV?"
              : "the header lacks " + String.join(", ", missing);
      tally.reject(new HistoryProblem(tally.file(), 1, null, HistoryRule.MISSING_COLUMN, detail));
    }
    tally.header(unknown, absentOptional);
    return new RowParser(tally, indexes, header.size());
  }

  /** The row, or null when it broke a rule (already reported). */
  AttemptRow parse(CSVRecord record, long line) {
    if (record.size() != fieldCount) {
      return reject(
          line,
          null,
          HistoryRule.MALFORMED_ROW,
          record.size() + " fields where the header has " + fieldCount);
    }
    try {
      String invoiceId = required(record, line, HistoryColumn.INVOICE_ID);
      String customerId = required(record, line, HistoryColumn.CUSTOMER_ID);
      int attemptNumber =
          parse(record, line, HistoryColumn.ATTEMPT_NUMBER, Integer::parseInt, "an integer");
      if (attemptNumber < 1) {
        throw problem(
            line, HistoryColumn.ATTEMPT_NUMBER, HistoryRule.INVALID_ATTEMPT_NUMBER, attemptNumber);
      }
      Instant attemptedAt =
          parse(
              record,
              line,
              HistoryColumn.ATTEMPTED_AT,
              text -> ValueRules.instant(text).orElseThrow(),
              ValueRules.INSTANT_EXPECTATION);
      long amountMinor =
          parse(record, line, HistoryColumn.AMOUNT_MINOR, Long::parseLong, "an integer");
      if (amountMinor <= 0) {
        throw problem(
            line, HistoryColumn.AMOUNT_MINOR, HistoryRule.NON_POSITIVE_AMOUNT, amountMinor);
      }
      String currency = currency(record, line);
      BillingInterval interval =
          parseValue(record, line, HistoryColumn.BILLING_INTERVAL, ValueRules.BILLING_INTERVAL);
      ZoneId timezone = zone(record, line);
      OptionalInt tenure = optionalCount(record, line, HistoryColumn.CUSTOMER_TENURE_DAYS);
      CardBrand brand = parseValue(record, line, HistoryColumn.CARD_BRAND, ValueRules.CARD_BRAND);
      CardFunding funding =
          parseValue(record, line, HistoryColumn.CARD_FUNDING, ValueRules.CARD_FUNDING);
      String country = country(record, line);
      String issuerId = optional(record, HistoryColumn.ISSUER_ID);
      OptionalInt devices = optionalCount(record, line, HistoryColumn.DEVICES_24H);
      Outcome outcome = parseValue(record, line, HistoryColumn.OUTCOME, ValueRules.OUTCOME);
      DeclineCode declineCode = declineCode(record, line, outcome);
      OptionalDouble selectionProbability = selectionProbability(record, line);
      return new AttemptRow(
          line,
          invoiceId,
          customerId,
          attemptNumber,
          attemptedAt,
          amountMinor,
          currency,
          interval,
          timezone,
          tenure,
          brand,
          funding,
          country,
          issuerId,
          devices,
          outcome,
          declineCode,
          selectionProbability);
    } catch (RowRejected rejected) {
      tally.reject(rejected.problem);
      return null;
    }
  }

  /** The row's invoice id as written, or empty when the row does not even have that field. */
  String invoiceIdOf(CSVRecord record) {
    int index = indexes.get(HistoryColumn.INVOICE_ID);
    return index < record.size() ? record.get(index).strip() : "";
  }

  private DeclineCode declineCode(CSVRecord record, long line, Outcome outcome) {
    String code = value(record, HistoryColumn.DECLINE_CODE);
    if (outcome == Outcome.SUCCEEDED) {
      if (!code.isEmpty()) {
        throw problem(
            line, HistoryColumn.DECLINE_CODE, HistoryRule.SUCCESS_WITH_DECLINE_CODE, code);
      }
      return null;
    }
    if (code.isEmpty()) {
      throw problem(line, HistoryColumn.DECLINE_CODE, HistoryRule.FAILURE_WITHOUT_DECLINE_CODE, "");
    }
    var known = DeclineCode.fromWireName(code);
    if (known.isPresent()) {
      return known.get();
    }
    tally.unknownDeclineCode(code);
    return DeclineCode.OTHER;
  }

  private OptionalDouble selectionProbability(CSVRecord record, long line) {
    String text = optional(record, HistoryColumn.SELECTION_PROBABILITY);
    if (text.isEmpty()) {
      return OptionalDouble.empty();
    }
    String expected = "a probability in (0, 1], such as 0.05";
    double probability =
        parse(text, line, HistoryColumn.SELECTION_PROBABILITY, Double::parseDouble, expected);
    if (!ValueRules.isProbability(probability)) {
      throw new RowRejected(
          new HistoryProblem(
              tally.file(),
              line,
              HistoryColumn.SELECTION_PROBABILITY,
              HistoryRule.UNPARSABLE_VALUE,
              quote(text) + " is not " + expected));
    }
    return OptionalDouble.of(probability);
  }

  private ZoneId zone(CSVRecord record, long line) {
    String id = required(record, line, HistoryColumn.TIMEZONE);
    return ValueRules.TIME_ZONE
        .parse(id)
        .orElseThrow(
            () -> problem(line, HistoryColumn.TIMEZONE, HistoryRule.UNKNOWN_TIME_ZONE, id));
  }

  private String currency(CSVRecord record, long line) {
    String code = required(record, line, HistoryColumn.CURRENCY);
    return ValueRules.CURRENCY
        .parse(code)
        .orElseThrow(
            () -> problem(line, HistoryColumn.CURRENCY, HistoryRule.UNKNOWN_CURRENCY, code));
  }

  private String country(CSVRecord record, long line) {
    String code = required(record, line, HistoryColumn.CARD_COUNTRY);
    return ValueRules.COUNTRY
        .parse(code)
        .orElseThrow(
            () -> problem(line, HistoryColumn.CARD_COUNTRY, HistoryRule.UNKNOWN_COUNTRY, code));
  }

  private OptionalInt optionalCount(CSVRecord record, long line, HistoryColumn column) {
    String text = optional(record, column);
    if (text.isEmpty()) {
      return OptionalInt.empty();
    }
    int count = parse(text, line, column, Integer::parseInt, "an integer");
    if (count < 0) {
      throw problem(line, column, HistoryRule.NEGATIVE_VALUE, count);
    }
    return OptionalInt.of(count);
  }

  private <T> T parseValue(CSVRecord record, long line, HistoryColumn column, ValueRule<T> rule) {
    String text = required(record, line, column);
    return rule.parse(text)
        .orElseThrow(
            () ->
                new RowRejected(
                    new HistoryProblem(
                        tally.file(),
                        line,
                        column,
                        HistoryRule.UNPARSABLE_VALUE,
                        quote(text) + " is not " + rule.expectation())));
  }

  private <T> T parse(
      CSVRecord record, long line, HistoryColumn column, Function<String, T> parser, String what) {
    return parse(required(record, line, column), line, column, parser, what);
  }

  private <T> T parse(
      String text, long line, HistoryColumn column, Function<String, T> parser, String what) {
    try {
      return parser.apply(text);
    } catch (RuntimeException e) {
      throw new RowRejected(
          new HistoryProblem(
              tally.file(),
              line,
              column,
              HistoryRule.UNPARSABLE_VALUE,
              quote(text) + " is not " + what));
    }
  }

  private String required(CSVRecord record, long line, HistoryColumn column) {
    String text = value(record, column);
    if (text.isEmpty()) {
      throw problem(line, column, HistoryRule.MISSING_VALUE, "empty");
    }
    return text;
  }

  private String optional(CSVRecord record, HistoryColumn column) {
    return indexes.containsKey(column) ? value(record, column) : "";
  }

  private String value(CSVRecord record, HistoryColumn column) {
    return record.get(indexes.get(column)).strip();
  }

  private AttemptRow reject(long line, HistoryColumn column, HistoryRule rule, String detail) {
    tally.reject(new HistoryProblem(tally.file(), line, column, rule, detail));
    return null;
  }

  private RowRejected problem(long line, HistoryColumn column, HistoryRule rule, Object value) {
    String text = String.valueOf(value);
    String detail = text.isEmpty() ? rule.description() : quote(text) + ": " + rule.description();
    return new RowRejected(new HistoryProblem(tally.file(), line, column, rule, detail));
  }

  private static String quote(String text) {
    return '"' + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + '"';
  }

  private static String abbreviate(List<String> header) {
    String joined = String.join(",", header);
    return quote(joined);
  }

  /** Unwinds one row's parse at its first broken rule; cheap, as it carries no stack trace. */
  private static final class RowRejected extends RuntimeException {
    private final transient HistoryProblem problem;

    RowRejected(HistoryProblem problem) {
      super(problem.detail(), null, false, false);
      this.problem = problem;
    }
  }
}
