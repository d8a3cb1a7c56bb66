package dev.smartretry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smartretry.history.Attempt;
import dev.smartretry.history.BillingInterval;
import dev.smartretry.history.Card;
import dev.smartretry.history.CardBrand;
import dev.smartretry.history.CardFunding;
import dev.smartretry.history.DeclineCode;
import dev.smartretry.history.HistoryWriter;
import dev.smartretry.history.Invoice;
import dev.smartretry.history.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
  @TempDir Path dir;

  private static Attempt failed(int number, String at, DeclineCode code) {
    return new Attempt(number, Instant.parse(at), Outcome.FAILED, code, OptionalInt.of(1));
  }

  private static Attempt succeeded(int number, String at) {
    return new Attempt(number, Instant.parse(at), Outcome.SUCCEEDED, null, OptionalInt.of(3));
  }

  private static Invoice invoice(String id, List<Attempt> attempts) {
    return new Invoice(
        id,
        "cus_" + id,
        4900,
        "EUR",
        BillingInterval.MONTH,
        ZoneId.of("Europe/Paris"),
        OptionalInt.of(30),
        new Card(CardBrand.VISA, CardFunding.DEBIT, "FR", Optional.of("iss_1")),
        attempts);
  }

  /** Two invoices: one recovered at its 2nd retry (01:30 Paris), one that gave up. */
  private Path history() throws IOException {
    Path file = dir.resolve("history.csv.gz");
    try (HistoryWriter writer = HistoryWriter.open(file)) {
      writer.write(
          invoice(
              "in_a",
              List.of(
                  failed(1, "2026-03-01T10:00:00Z", DeclineCode.INSUFFICIENT_FUNDS),
                  failed(2, "2026-03-02T13:00:00Z", DeclineCode.INSUFFICIENT_FUNDS),
                  succeeded(3, "2026-03-04T00:30:00Z"))));
      writer.write(
          invoice(
              "in_b",
              List.of(
                  failed(1, "2026-03-05T10:00:00Z", DeclineCode.DO_NOT_HONOR),
                  failed(2, "2026-03-06T13:00:00Z", DeclineCode.DO_NOT_HONOR))));
    }
    return file;
  }

  @Test
  void printsTheFiguresOfAFile() throws IOException {
    CliRun run = CliRun.of("inspect", "--data", history().toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("Rows        5 read, 5 accepted")
        .contains("Invoices    2 accepted, 0 rejected")
        .contains("Recovered   1 invoices (50.0%) with 3 retries")
        .contains("Date range  2026-03-01T10:00:00Z .. 2026-03-06T13:00:00Z")
        .containsPattern("insufficient_funds\\s+2\\s+1\\s+50.0%")
        .containsPattern("do_not_honor\\s+1\\s+0\\s+0.0%");
  }

  @Test
  void jsonHasTheSameFiguresForScripts() throws IOException {
    CliRun run = CliRun.of("inspect", "--data", history().toString(), "--json");

    assertThat(run.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("invoices").asLong()).isEqualTo(2);
    assertThat(json.get("retries").asLong()).isEqualTo(3);
    assertThat(json.get("first_attempt_at").asText()).isEqualTo("2026-03-01T10:00:00Z");
    JsonNode retryOne = json.get("by_retry_number").get(0);
    assertThat(retryOne.get("group").asText()).isEqualTo("1");
    assertThat(retryOne.get("retries").asLong()).isEqualTo(2);
    assertThat(retryOne.get("succeeded").asLong()).isZero();
    // 00:30 UTC on 4 March is 01:30 in Paris.
    JsonNode oneAm = json.get("by_local_hour").get(1);
    assertThat(oneAm.get("succeeded").asLong()).isEqualTo(1);
  }

  @Test
  void rejectedRowsAreListedByRule() throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.writeString(
        file,
        String.join(
            "\n",
            "invoice_id,customer_id,attempt_number,attempted_at,amount_minor,currency,billing_interval,timezone,card_brand,card_funding,card_country,outcome,decline_code",
            "in_1,c1,1,2026-03-01T10:00:00Z,4900,EUR,month,Europe/Paris,visa,debit,FR,failed,insufficient_funds",
            "in_1,c1,2,yesterday,4900,EUR,month,Europe/Paris,visa,debit,FR,failed,insufficient_funds",
            "in_2,c2,1,2026-03-01T10:00:00Z,4900,EUR,month,Europe/Paris,visa,debit,FR,failed,insufficient_funds",
            ""));

    CliRun lenient = CliRun.of("inspect", "--data", file.toString());
    CliRun strict = CliRun.of("inspect", "--data", file.toString(), "--strict");

    assertThat(lenient.exitCode()).isZero();
    assertThat(lenient.out())
        .containsPattern("unparsable_value\\s+1")
        .containsPattern("rejected_with_invoice\\s+1")
        .contains(file + ":3: column attempted_at: unparsable_value");
    assertThat(strict.exitCode()).isEqualTo(1);
    assertThat(strict.err().strip())
        .startsWith("error: " + file + ":3: column attempted_at: unparsable_value")
        .doesNotContain("\n");
  }

  @Test
  void missingFileFailsWithOneLine() {
    CliRun run = CliRun.of("inspect", "--data", dir.resolve("nope.csv").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip()).endsWith("nope.csv: no such file").doesNotContain("\n");
  }

  @Test
  void missingOptionIsAUsageError() {
    CliRun run = CliRun.of("inspect");

    run.isAUsageMistake("smart-retry inspect", "Missing required option: '--data=FILE'");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : List.of("inspect", "generate")) {
      CliRun run = CliRun.of(command, "--help");
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("Usage: smart-retry " + command);
    }
  }
}
