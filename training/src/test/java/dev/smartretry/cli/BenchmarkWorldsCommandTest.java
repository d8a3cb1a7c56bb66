package dev.smartretry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The yardstick end to end on two small worlds, so that the command cannot rot: every world is
 * generated, trained and played at both budgets, and the summary agrees with the worlds.
 */
class BenchmarkWorldsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void everyWorldIsTrainedAndPlayedAtEveryBudget() throws IOException {
    CliRun run =
        CliRun.of(
            "benchmark-worlds",
            "--world-seeds",
            "3,4",
            "--history-invoices",
            "1500",
            "--invoices",
            "150",
            "--cold-start",
            "--threads",
            "1",
            "--work-dir",
            dir.toString(),
            "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = JSON.readTree(run.out());

    assertThat(report.get("history_invoices").asInt()).isEqualTo(1500);
    assertThat(report.get("played_invoices").asInt()).isEqualTo(150);
    List<Long> worlds = new ArrayList<>();
    for (JsonNode world : report.get("worlds")) {
      long seed = world.get("world").asLong();
      worlds.add(seed);
      // The history and the model are the world's own, kept in the work directory.
      assertThat(dir.resolve("world-" + seed + ".csv.gz")).isRegularFile();
      assertThat(dir.resolve("world-" + seed + "-model")).isDirectory();
      assertThat(world.get("retries_in_history").asLong()).isGreaterThan(1500);
      assertThat(world.get("countries").asText()).isNotBlank();
      List<Integer> budgets = new ArrayList<>();
      for (JsonNode score : world.get("scores")) {
        budgets.add(score.get("max_retries").asInt());
        double best = score.get("best_fixed_rate").asDouble();
        double oracle = score.get("oracle_rate").asDouble();
        assertThat(best).isGreaterThanOrEqualTo(score.get("evenly_rate").asDouble());
        List<String> planners = new ArrayList<>();
        for (JsonNode planner : score.get("planners")) {
          planners.add(planner.get("name").asText());
          double rate = planner.get("recovery_rate").asDouble();
          assertThat(rate).isBetween(0.0, 1.0);
          assertThat(planner.get("violations").asLong()).isZero();
          assertThat(planner.get("retries_per_invoice").asDouble())
              .isBetween(0.0, (double) score.get("max_retries").asInt());
          if (oracle > best) {
            assertThat(planner.get("gap_closed").asDouble())
                .isCloseTo((rate - best) / (oracle - best), offset(1e-9));
          }
        }
        assertThat(planners).containsExactly("planner", "cold_start");
      }
      assertThat(budgets).containsExactly(4, 8);
    }
    assertThat(worlds).containsExactly(3L, 4L);

    JsonNode summary = report.get("summary");
    assertThat(summary).hasSize(4);
    JsonNode first = summary.get(0);
    assertThat(first.get("max_retries").asInt()).isEqualTo(4);
    assertThat(first.get("planner").asText()).isEqualTo("planner");
    assertThat(first.get("worlds").asInt()).isEqualTo(2);
    // With two worlds the median is their mean.
    double rate3 = plannerAt(report, 0, 0).get("recovery_rate").asDouble();
    double rate4 = plannerAt(report, 1, 0).get("recovery_rate").asDouble();
    assertThat(first.get("median_recovery_rate").asDouble())
        .isCloseTo((rate3 + rate4) / 2, offset(1e-12));
    assertThat(first.get("violations").asLong()).isZero();
  }

  private static JsonNode plannerAt(JsonNode report, int world, int score) {
    return report.get("worlds").get(world).get("scores").get(score).get("planners").get(0);
  }

  @Test
  void theTextReportShowsEachWorldAndTheSummary() {
    CliRun run =
        CliRun.of(
            "benchmark-worlds",
            "--worlds",
            "1",
            "--first-world",
            "5",
            "--history-invoices",
            "1200",
            "--invoices",
            "60",
            "--max-retries",
            "3",
            "--threads",
            "1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("1 worlds; each trained on 1,200 invoices, played on 60 unseen ones")
        .containsPattern("(?m)^5 +\\S+ +3 ")
        .contains("3 retries, planner over 1 worlds: gap closed median");
    assertThat(run.err()).contains("world 5").contains("kept ");
  }

  @Test
  void badSettingsAreUsageErrors() {
    CliRun.of("benchmark-worlds", "--worlds", "0")
        .isAUsageMistake("smart-retry benchmark-worlds", "--worlds");
    CliRun.of("benchmark-worlds", "--max-retries", "0")
        .isAUsageMistake("smart-retry benchmark-worlds", "a retry budget must be at least 1");
    CliRun.of("benchmark-worlds", "--worlds", "2", "--world-seeds", "1,2")
        .isAUsageMistake("smart-retry benchmark-worlds", "mutually exclusive");
  }
}
