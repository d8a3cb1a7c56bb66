package dev.smartretry.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smartretry.history.HistoryWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldMixtureTest {
  @TempDir Path dir;

  @Test
  void aMixtureIsEachWorldsOwnInvoicesWorldAfterWorld() throws IOException {
    Path mixed = dir.resolve("mixed.csv");
    Path expected = dir.resolve("expected.csv");
    List<Long> progress = new ArrayList<>();

    new WorldMixture(11, 3, 40).write(mixed, progress::add);

    try (HistoryWriter writer = HistoryWriter.open(expected)) {
      for (long world = 11; world <= 13; world++) {
        new HistoryGenerator(RandomWorlds.draw(world), world).invoices(40).forEach(writer::write);
      }
    }
    assertThat(Files.mismatch(mixed, expected)).isEqualTo(-1);
    assertThat(progress).containsExactly(40L, 80L, 120L);
  }

  @Test
  void theSameMixtureGivesTheSameBytes() throws IOException {
    Path first = dir.resolve("first.csv.gz");
    Path second = dir.resolve("second.csv.gz");

    new WorldMixture(5, 2, 30).write(first, done -> {});
    new WorldMixture(5, 2, 30).write(second, done -> {});

    assertThat(Files.mismatch(first, second)).isEqualTo(-1);
  }

  @Test
  void aMixtureNeedsWorldsAndInvoices() {
    assertThatThrownBy(() -> new WorldMixture(1, 0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one world");
    assertThatThrownBy(() -> new WorldMixture(1, 3, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one invoice");
  }
}
