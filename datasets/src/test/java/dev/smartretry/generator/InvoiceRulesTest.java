package dev.smartretry.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.generator.GeneratedHistory.Sample;
import dev.smartretry.history.Attempt;
import dev.smartretry.history.HistoryReader;
import dev.smartretry.history.Invoice;
import dev.smartretry.history.ReadReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every generated invoice keeps the attempts format's rules, and the networks' retry limit. */
class InvoiceRulesTest {
  private final GeneratedHistory history = GeneratedHistory.get();

  @Test
  void everyInvoiceKeepsTheFormatsRules() {
    for (Sample sample : history.samples()) {
      Invoice invoice = sample.invoice();
      List<Attempt> attempts = invoice.attempts();
      assertThat(invoice.amountMinor()).isPositive();
      assertThat(attempts.get(0).succeeded()).isFalse();
      for (int i = 0; i < attempts.size(); i++) {
        Attempt attempt = attempts.get(i);
        assertThat(attempt.attemptNumber()).isEqualTo(i + 1);
        assertThat(attempt.declineCode() == null).isEqualTo(attempt.succeeded());
        assertThat(attempt.devices24h()).isPresent();
        assertThat(attempt.devices24h().getAsInt()).isNotNegative();
        assertThat(attempt.attemptedAt().getNano()).isZero();
        if (i > 0) {
          assertThat(attempt.attemptedAt()).isAfter(attempts.get(i - 1).attemptedAt());
          assertThat(attempts.get(i - 1).succeeded()).isFalse();
        }
      }
    }
  }

  @Test
  void idsAreUniqueAndIssuersBelongToTheCardsCountry() {
    Set<String> invoiceIds = new HashSet<>();
    long withIssuer = 0;
    for (Sample sample : history.samples()) {
      Invoice invoice = sample.invoice();
      assertThat(invoiceIds.add(invoice.invoiceId())).isTrue();
      assertThat(invoice.invoiceId()).matches("in_[0-9a-z]{13}");
      assertThat(invoice.customerId()).matches("cus_[0-9a-z]{13}");
      if (invoice.card().issuerId().isPresent()) {
        withIssuer++;
        assertThat(invoice.card().issuerId().get())
            .matches("iss_" + invoice.card().country() + "_\\d{3}");
      }
    }
    assertThat(withIssuer)
        .isBetween(history.samples().size() * 90L / 100, history.samples().size() * 99L / 100);
  }

  @Test
  void noInvoiceHasMoreThan15RetriesIn30Days() {
    int most = 0;
    for (Sample sample : history.samples()) {
      List<Attempt> retries = sample.invoice().retries();
      for (int i = 0; i < retries.size(); i++) {
        int inWindow = 0;
        for (int j = i; j < retries.size(); j++) {
          if (Duration.between(retries.get(i).attemptedAt(), retries.get(j).attemptedAt())
                  .compareTo(Duration.ofDays(30))
              < 0) {
            inWindow++;
          }
        }
        most = Math.max(most, inWindow);
      }
    }
    assertThat(most).isPositive().isLessThanOrEqualTo(15);
  }

  @Test
  void firstFailuresFallInTheHistoryWindowAndRetriesWithin21Days() {
    for (Sample sample : history.samples()) {
      Invoice invoice = sample.invoice();
      assertThat(invoice.firstFailureAt().toString()).isBetween("2025-01-01", "2026-07-01");
      for (Attempt retry : invoice.retries()) {
        assertThat(Duration.between(invoice.firstFailureAt(), retry.attemptedAt()))
            .isLessThanOrEqualTo(Duration.ofDays(21));
      }
    }
  }

  @Test
  void theHistoryReaderAcceptsEveryRowStrictly(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("attempts.csv.gz");
    HistoryGenerator generator = new HistoryGenerator(WorldConfig.defaults(), 99);
    generator.write(file, 2_000, done -> {});
    List<Invoice> read = new ArrayList<>();

    ReadReport report = HistoryReader.builder().strict(true).build().read(file, read::add);

    assertThat(report.rowsRejected()).isZero();
    assertThat(report.invoicesAccepted()).isEqualTo(2_000);
    assertThat(report.unknownDeclineCodes()).isEmpty();
    Set<Invoice> generated = new HashSet<>(generator.invoices(2_000).toList());
    assertThat(new HashSet<>(read)).isEqualTo(generated);
  }
}
