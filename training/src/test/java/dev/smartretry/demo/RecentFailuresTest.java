package dev.smartretry.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smartretry.SmartRetryException;
import dev.smartretry.generator.World;
import dev.smartretry.generator.WorldConfig;
import dev.smartretry.generator.WorldInvoice;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentFailuresTest {
  private static final long FIRST = 1_000_000_000L;
  private static final Instant T = Instant.parse("2026-03-02T00:00:00Z");

  private final World world = new World(WorldConfig.defaults(), 42);

  @Test
  void theFirstInvoicesThatFailedInTheDayBeforeInIndexOrder() {
    List<WorldInvoice> found = RecentFailures.find(world, FIRST, 30, T);

    // The same as a plain scan, one invoice after the other.
    List<Long> expected = new ArrayList<>();
    for (long index = FIRST; expected.size() < 30; index++) {
      Instant failed = world.draw(index).firstFailureAt();
      if (!failed.isBefore(T.minus(Duration.ofDays(1))) && failed.isBefore(T)) {
        expected.add(index);
      }
    }
    assertThat(found).extracting(WorldInvoice::index).containsExactlyElementsOf(expected);
  }

  @Test
  void aDayOutsideTheWorldsHistoryIsRefusedNamingTheWindow() {
    assertThatThrownBy(
            () -> RecentFailures.find(world, FIRST, 10, Instant.parse("2030-01-01T00:00:00Z")))
        .isInstanceOf(SmartRetryException.class)
        .hasMessage(
            "found 0 of 10 invoices whose original charge failed in [2029-12-31T00:00:00Z,"
                + " 2030-01-01T00:00:00Z); this world's first failures fall from 2025-01-01 to"
                + " 2026-06-30 (its history window): ask for a day inside it");
  }

  @Test
  void aDayAtTheWindowsEdgeGivesUpAfterAFiniteScan() {
    // Only the first failures of the window's first hour, too few to find a hundred soon.
    Instant justInside = Instant.parse("2025-01-01T01:00:00Z");

    assertThatThrownBy(() -> RecentFailures.find(world, FIRST, 100, justInside))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageStartingWith("found ")
        .hasMessageContaining(" of 100 invoices whose original charge failed in")
        .hasMessageContaining("from 2025-01-01 to 2026-06-30");
  }
}
