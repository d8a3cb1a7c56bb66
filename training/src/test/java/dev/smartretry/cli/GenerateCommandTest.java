package dev.smartretry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.generator.WorldMixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenerateCommandTest {
  @TempDir Path dir;

  @Test
  void randomWorldsWriteTheMixture() throws IOException {
    Path out = dir.resolve("mixture.csv");
    Path expected = dir.resolve("expected.csv");

    CliRun run =
        CliRun.of(
            "generate", "--invoices", "60", "--random-worlds", "21..23", "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    new WorldMixture(21, 3, 20).write(expected, done -> {});
    assertThat(Files.mismatch(out, expected)).isEqualTo(-1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "61|21..23||must share out evenly over the 3 worlds",
        "60|23..21||must go up",
        "60|21-23||must be a range such as 4001..4200",
        "60|21..23|--random-world=4|no --config or --random-world"
      })
  void badMixturesAreUsageErrors(String invoices, String worlds, String other, String message) {
    String[] args =
        other == null
            ? new String[] {
              "generate", "--invoices", invoices, "--random-worlds", worlds, "--out", "x.csv"
            }
            : new String[] {
              "generate", "--invoices", invoices, "--random-worlds", worlds, other, "--out", "x.csv"
            };

    CliRun run = CliRun.of(args);

    run.isAUsageMistake("smart-retry generate", message);
    assertThat(Files.exists(Path.of("x.csv"))).isFalse();
  }
}
