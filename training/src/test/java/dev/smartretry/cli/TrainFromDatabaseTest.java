package dev.smartretry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.history.Attempt;
import dev.smartretry.history.HistoryReader;
import dev.smartretry.history.Invoice;
import dev.smartretry.model.ModelDirectory;
import dev.smartretry.model.ModelManifest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --jdbc-url} and {@code export} against a real PostgreSQL (127.0.0.1:5432, as every
 * database test here): a generated history stored as the service stores attempts, trained from the
 * database and from the exported file with the same seed, gives the same model.
 *
 * <p>The table is the service's {@code attempts} reduced to the columns the export reads; the
 * service module's HistoryExportTest covers the export against the real schema.
 */
class TrainFromDatabaseTest {
  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  private static final String DATABASE =
      "smart_retry_cli_" + UUID.randomUUID().toString().replace("-", "");
  private static final String URL = SERVER + DATABASE + "?user=postgres";

  @TempDir static Path dir;

  private static CliRun fromDatabase;
  private static CliRun fromFile;
  private static CliRun exported;

  @BeforeAll
  static void storeExportAndTrain() throws Exception {
    Path history = dir.resolve("history.csv");
    CliRun generated =
        CliRun.of("generate", "--invoices", "1000", "--seed", "7", "--out", history.toString());
    assertThat(generated.exitCode()).as(generated.err()).isZero();
    List<Invoice> invoices = new ArrayList<>();
    HistoryReader.builder().strict(true).build().read(history, invoices::add);
    try (Connection server = DriverManager.getConnection(SERVER + "postgres?user=postgres");
        Statement create = server.createStatement()) {
      create.execute("create database " + DATABASE);
    }
    store(invoices);

    exported =
        CliRun.of("export", "--jdbc-url", URL, "--out", dir.resolve("exported.csv").toString());
    fromDatabase = train("--jdbc-url", URL, dir.resolve("from-database"));
    fromFile = train("--data", dir.resolve("exported.csv").toString(), dir.resolve("from-file"));
  }

  @AfterAll
  static void dropDatabase() throws SQLException {
    try (Connection server = DriverManager.getConnection(SERVER + "postgres?user=postgres");
        Statement drop = server.createStatement()) {
      drop.execute("drop database if exists " + DATABASE + " with (force)");
    }
  }

  @Test
  void exportWritesEveryStoredAttempt() {
    assertThat(exported.exitCode()).as(exported.err()).isZero();
    assertThat(exported.err()).contains("of 1,000 invoices");
  }

  @Test
  void aModelTrainedFromTheDatabaseEqualsOneTrainedFromItsExport() {
    assertThat(fromDatabase.exitCode()).as(fromDatabase.err()).isZero();
    assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
    assertThat(fromDatabase.err()).contains("read 1,000 invoices");
    // The same figures, to every digit printed; only the model's path differs.
    assertThat(figures(fromDatabase)).isEqualTo(figures(fromFile)).hasSize(3);

    ModelManifest database = ModelDirectory.load(dir.resolve("from-database")).manifest();
    ModelManifest file = ModelDirectory.load(dir.resolve("from-file")).manifest();
    assertThat(database.trainingData().sha256()).isEqualTo(file.trainingData().sha256());
    assertThat(database.trainingData().examples()).isEqualTo(file.trainingData().examples());
    // The manifest says where the history came from, without the URL's credentials.
    assertThat(database.trainingData().file())
        .isEqualTo(SERVER + DATABASE + "?...")
        .doesNotContain("user=");
  }

  @Test
  void evaluateScoresTheStoredHistoryAndTheTwoModelsTie() {
    CliRun run =
        CliRun.of(
            "evaluate",
            "--model",
            dir.resolve("from-database").toString(),
            "--against",
            dir.resolve("from-file").toString(),
            "--jdbc-url",
            URL,
            "--from",
            "2000-01-01T00:00:00Z");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("better: neither: they tie on log loss");
  }

  @Test
  void theManifestSaysHowExamplesWereWeighed() {
    // The stored attempts carry no selection probability: weighing is on, with nothing to weigh.
    ModelManifest.ExampleWeights weights =
        ModelDirectory.load(dir.resolve("from-database"))
            .manifest()
            .trainingData()
            .exampleWeights();
    assertThat(weights.method()).isEqualTo("inverse_selection_probability");
    assertThat(weights.examplesWithProbability()).isZero();

    Path unweighted = dir.resolve("unweighted");
    CliRun run =
        CliRun.of(
            "train",
            "--data",
            dir.resolve("exported.csv").toString(),
            "--out",
            unweighted.toString(),
            "--algorithm",
            "logistic",
            "--no-propensity-weights");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("example weights: none");
    assertThat(ModelDirectory.load(unweighted).manifest().trainingData().exampleWeights().method())
        .isEqualTo("none");
  }

  @Test
  void fromAndToAreForTheDatabase() {
    CliRun run =
        CliRun.of(
            "train", "--data", "history.csv", "--out", "model", "--from", "2026-03-01T00:00:00Z");
    run.isAUsageMistake("smart-retry train", "--from and --to select");
  }

  private static List<String> figures(CliRun run) {
    return run.out().lines().filter(line -> !line.startsWith("model")).toList();
  }

  private static CliRun train(String sourceOption, String source, Path out) {
    return CliRun.of(
        "train",
        sourceOption,
        source,
        "--out",
        out.toString(),
        "--algorithm",
        "logistic",
        "--seed",
        "42");
  }

  private static void store(List<Invoice> invoices) throws SQLException {
    try (Connection connection = DriverManager.getConnection(URL)) {
      try (Statement create = connection.createStatement()) {
        create.execute(
            "create table attempts (invoice_id text not null, customer_id text not null,"
                + " attempt_number integer not null, attempted_at timestamptz not null,"
                + " first_failed_at timestamptz not null, amount_minor bigint not null,"
                + " currency text not null, billing_interval text not null, timezone text not null,"
                + " customer_tenure_days integer, card_brand text not null,"
                + " card_funding text not null, card_country text not null, issuer_id text,"
                + " devices_24h integer, outcome text, decline_code text,"
                + " selection_probability double precision)");
      }
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "insert into attempts values"
                  + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null)")) {
        for (Invoice invoice : invoices) {
          Timestamp first = Timestamp.from(invoice.attempts().get(0).attemptedAt());
          for (Attempt attempt : invoice.attempts()) {
            insert.setString(1, invoice.invoiceId());
            insert.setString(2, invoice.customerId());
            insert.setInt(3, attempt.attemptNumber());
            insert.setTimestamp(4, Timestamp.from(attempt.attemptedAt()));
            insert.setTimestamp(5, first);
            insert.setLong(6, invoice.amountMinor());
            insert.setString(7, invoice.currency());
            insert.setString(8, invoice.billingInterval().wireName());
            insert.setString(9, invoice.timezone().getId());
            if (invoice.customerTenureDays().isPresent()) {
              insert.setInt(10, invoice.customerTenureDays().getAsInt());
            } else {
              insert.setNull(10, Types.INTEGER);
            }
            insert.setString(11, invoice.card().brand().wireName());
            insert.setString(12, invoice.card().funding().wireName());
            insert.setString(13, invoice.card().country());
            insert.setString(14, invoice.card().issuerId().orElse(null));
            if (attempt.devices24h().isPresent()) {
              insert.setInt(15, attempt.devices24h().getAsInt());
            } else {
              insert.setNull(15, Types.INTEGER);
            }
            insert.setString(16, attempt.outcome().wireName());
            insert.setString(
                17, attempt.declineCode() == null ? null : attempt.declineCode().wireName());
            insert.addBatch();
          }
        }
        insert.executeBatch();
      }
      connection.commit();
    }
  }
}
