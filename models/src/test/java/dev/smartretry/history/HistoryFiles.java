package dev.smartretry.history;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Builds small attempts files for tests, row by row, in the spec's column order. */
final class HistoryFiles {
  static final String HEADER =
      "invoice_id,customer_id,attempt_number,attempted_at,amount_minor,currency,billing_interval,"
          + "timezone,customer_tenure_days,card_brand,card_funding,card_country,issuer_id,"
          + "devices_24h,outcome,decline_code";

  private HistoryFiles() {}

  /** A valid row of invoice {@code id}; tests break one field with {@link #with}. */
  static String row(String id, int attempt, String at, String outcome, String code) {
    return String.join(
        ",",
        id,
        "cus_" + id,
        Integer.toString(attempt),
        at,
        "4900",
        "EUR",
        "month",
        "Europe/Paris",
        "412",
        "visa",
        "debit",
        "FR",
        "iss_042",
        "2",
        outcome,
        code);
  }

  /** The row with column {@code column} (0-based, spec order) replaced. */
  static String with(String row, int column, String value) {
    List<String> fields = new ArrayList<>(List.of(row.split(",", -1)));
    fields.set(column, value);
    return String.join(",", fields);
  }

  /** A failed-then-recovered invoice: three rows. */
  static List<String> recovered(String id) {
    return List.of(
        row(id, 1, "2026-03-01T14:05:00Z", "failed", "insufficient_funds"),
        row(id, 2, "2026-03-02T23:05:00Z", "failed", "insufficient_funds"),
        row(id, 3, "2026-03-04T01:00:00Z", "succeeded", ""));
  }

  static Path csv(Path dir, List<String> lines) throws IOException {
    Path file = dir.resolve("attempts.csv");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  static Path gzip(Path dir, String name, List<String> lines) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, gzipBytes(String.join("\n", lines) + "\n"));
    return file;
  }

  static byte[] gzipBytes(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  static List<String> lines(String header, List<String> rows) {
    List<String> lines = new ArrayList<>();
    lines.add(header);
    lines.addAll(rows);
    return lines;
  }
}
