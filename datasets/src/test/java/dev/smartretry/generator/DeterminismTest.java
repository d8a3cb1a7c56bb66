package dev.smartretry.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.history.Invoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {
  private static final int COUNT = 3_000;

  @TempDir Path dir;

  @Test
  void sameSeedGivesTheSameBytes() throws IOException {
    Path first = dir.resolve("first.csv.gz");
    Path second = dir.resolve("second.csv.gz");
    new HistoryGenerator(WorldConfig.defaults(), 7).write(first, COUNT, done -> {});
    new HistoryGenerator(WorldConfig.defaults(), 7).write(second, COUNT, done -> {});

    assertThat(Files.size(first)).isGreaterThan(10_000);
    assertThat(Files.mismatch(first, second)).isEqualTo(-1);
  }

  @Test
  void differentSeedGivesDifferentInvoices() throws IOException {
    Path first = dir.resolve("seed7.csv");
    Path second = dir.resolve("seed8.csv");
    new HistoryGenerator(WorldConfig.defaults(), 7).write(first, 200, done -> {});
    new HistoryGenerator(WorldConfig.defaults(), 8).write(second, 200, done -> {});

    assertThat(Files.mismatch(first, second)).isNotEqualTo(-1);
    List<String> ids7 =
        new HistoryGenerator(WorldConfig.defaults(), 7)
            .invoices(200)
            .map(Invoice::invoiceId)
            .toList();
    List<String> ids8 =
        new HistoryGenerator(WorldConfig.defaults(), 8)
            .invoices(200)
            .map(Invoice::invoiceId)
            .toList();
    assertThat(ids7).doesNotContainAnyElementsOf(ids8);
  }

  @Test
  void parallelAndSequentialWritesAreByteIdentical() throws IOException {
    HistoryGenerator generator = new HistoryGenerator(WorldConfig.defaults(), 11);
    Path sequential = dir.resolve("sequential.csv.gz");
    Path parallel = dir.resolve("parallel.csv.gz");
    Path plain = dir.resolve("parallel.csv");
    generator.write(sequential, COUNT, done -> {}, 1);
    generator.write(parallel, COUNT, done -> {}, 4);
    generator.write(plain, COUNT, done -> {}, 3);

    assertThat(Files.mismatch(sequential, parallel)).isEqualTo(-1);
    assertThat(Files.size(plain)).isGreaterThan(Files.size(parallel));
  }

  @Test
  void progressCountsUpToTheTotalInOrder() throws IOException {
    List<Long> reported = new ArrayList<>();
    new HistoryGenerator(WorldConfig.defaults(), 3)
        .write(dir.resolve("progress.csv"), 5_000, reported::add, 2);

    assertThat(reported).isSorted().last().isEqualTo(5_000L);
  }

  @Test
  void invoiceKIsTheSameWhateverIsDrawnBefore() {
    HistoryGenerator generator = new HistoryGenerator(WorldConfig.defaults(), 5);
    Invoice direct = generator.invoice(57);
    Invoice streamed = generator.invoices(100).toList().get(57);
    Invoice again = new HistoryGenerator(WorldConfig.defaults(), 5).invoice(57);

    assertThat(streamed).isEqualTo(direct);
    assertThat(again).isEqualTo(direct);
    World world = generator.world();
    assertThat(world.draw(57).original()).isEqualTo(world.draw(57).original());
    assertThat(world.draw(57).originalCharge()).isEqualTo(direct.attempts().get(0));
  }

  @Test
  void zeroInvoicesIsAnEmptyFileWithAHeader() throws IOException {
    Path out = dir.resolve("empty.csv");
    new HistoryGenerator(WorldConfig.defaults(), 1).write(out, 0, done -> {});

    assertThat(Files.readAllLines(out)).hasSize(1).first().asString().startsWith("invoice_id,");
  }
}
