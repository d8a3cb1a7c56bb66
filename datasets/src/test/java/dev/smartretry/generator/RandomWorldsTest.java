package dev.smartretry.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.generator.GeneratedHistory.Rate;
import dev.smartretry.generator.GeneratedHistory.Retry;
import dev.smartretry.generator.GeneratedHistory.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomWorldsTest {
  private static final List<WorldConfig> WORLDS =
      LongStream.rangeClosed(1, 40).mapToObj(RandomWorlds::draw).toList();

  @TempDir Path dir;

  @Test
  void aSeedIsAlwaysTheSameWorld() {
    assertThat(RandomWorlds.draw(3)).isEqualTo(RandomWorlds.draw(3));
    assertThat(RandomWorlds.draw(3)).isNotEqualTo(RandomWorlds.draw(4));
  }

  @Test
  void aRandomWorldWritesTheSameBytesEveryTime() throws IOException {
    Path first = dir.resolve("first.csv");
    Path second = dir.resolve("second.csv");
    new HistoryGenerator(RandomWorlds.draw(5), 9).write(first, 1_000, done -> {});
    new HistoryGenerator(RandomWorlds.draw(5), 9).write(second, 1_000, done -> {});

    assertThat(Files.mismatch(first, second)).isEqualTo(-1);
  }

  @Test
  void worldsDifferInCountriesCalendarsAndEveryEffect() {
    Set<Set<String>> countrySets = new HashSet<>();
    Set<String> calendars = new HashSet<>();
    for (WorldConfig world : WORLDS) {
      countrySets.add(world.countries().keySet());
      world.countries().values().forEach(c -> calendars.addAll(c.payCalendars().keySet()));
    }

    assertThat(countrySets).hasSizeGreaterThan(30);
    assertThat(WORLDS).anyMatch(w -> w.countries().size() == 1);
    assertThat(calendars).hasSizeGreaterThan(50);
    assertThat(calendars).anyMatch(c -> c.startsWith("weekly-")).anyMatch(c -> c.contains("+"));
    assertThat(WORLDS.stream().mapToDouble(w -> w.issuerHolds().medianHours()).summaryStatistics())
        .satisfies(s -> assertThat(s.getMax()).isGreaterThan(3 * s.getMin()));
    assertThat(WORLDS.stream().mapToDouble(w -> w.issuerQuietHours().share()).max().orElseThrow())
        .isGreaterThan(0.3);
    assertThat(WORLDS)
        .anyMatch(w -> w.countries().values().stream().anyMatch(c -> c.holidaysPerYear() > 8));
    assertThat(WORLDS.stream().map(WorldConfig::funds).distinct()).hasSize(WORLDS.size());
    assertThat(WORLDS.stream().map(WorldConfig::legacyPolicy).distinct()).hasSize(WORLDS.size());
  }

  @Test
  void itsHistoryComesFromItsCountriesAndIsPaidOnItsCalendars() {
    WorldConfig world = RandomWorlds.draw(12);
    GeneratedHistory history = GeneratedHistory.of(world, 1, 20_000);

    for (Sample sample : history.samples()) {
      CountryProfile country = world.countries().get(sample.invoice().card().country());
      assertThat(country).as(sample.invoice().invoiceId()).isNotNull();
      assertThat(country.payCalendars()).containsKey(sample.truth().payCalendar().spec());
    }
    // Money arrives on pay day: retries of insufficient funds the day after it succeed more often
    // than those a week or more after it.
    Rate dayAfter = history.rate(r -> r.cause() == Cause.FUNDS && r.daysSincePayDay() == 1);
    Rate weekAfter = history.rate(r -> r.cause() == Cause.FUNDS && r.daysSincePayDay() >= 7);
    assertThat(dayAfter.value())
        .as("day after %s, week after %s", dayAfter, weekAfter)
        .isGreaterThan(weekAfter.value() + dayAfter.margin() + weekAfter.margin());
  }

  @Test
  void anIssuerDeclinesEveryRetryInItsQuietHours() {
    WorldConfig world = Overrides.load("{\"issuerQuietHours\": {\"share\": 0.5}}");
    GeneratedHistory history = GeneratedHistory.of(world, 3, 10_000);

    List<Retry> quiet =
        history
            .retries(
                r ->
                    r.truth()
                        .issuerQuietHours()
                        .filter(h -> h.covers(r.attempt().attemptedAt(), r.truth().timezone()))
                        .isPresent())
            .toList();
    Rate outside =
        history.rate(
            r ->
                r.truth().issuerQuietHours().isPresent()
                    && !r.truth()
                        .issuerQuietHours()
                        .get()
                        .covers(r.attempt().attemptedAt(), r.truth().timezone()));

    assertThat(quiet).hasSizeGreaterThan(100);
    assertThat(quiet)
        .allSatisfy(
            r -> {
              assertThat(r.succeeded()).isFalse();
              assertThat(r.attempt().declineCode())
                  .isEqualTo(r.truth().issuerQuietHours().get().code());
            });
    assertThat(outside.value()).as(outside.toString()).isGreaterThan(0.1);
  }
}
