package dev.smartretry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The export command's failures. What it exports is tested against a service's database in the
 * service module (HistoryExportTest), where the schema lives.
 */
class ExportCommandTest {
  @TempDir Path files;

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--out x.csv| Missing required option: '--jdbc-url=URL'",
        "--jdbc-url jdbc:mysql://db/x --out x.csv| --jdbc-url must be a PostgreSQL JDBC URL",
        "--jdbc-url jdbc:postgresql://127.0.0.1/x --out x.csv --from 2026-03-02T00:00:00Z --to"
            + " 2026-03-01T00:00:00Z| --from must be before --to",
        "--jdbc-url jdbc:postgresql://127.0.0.1/x --out x.csv --from yesterday| Invalid value for"
            + " option '--from'",
      })
  void aUsageMistakeExitsWith2AndSaysWhich(String arguments, String message) {
    CliRun run = CliRun.of(("export " + arguments).split(" +"));

    run.isAUsageMistake("smart-retry export", message);
  }

  @Test
  void aDatabaseThatCannotBeReadEndsWithOneLineWithoutThePassword() {
    // Nothing listens on port 1: the connection is refused at once.
    CliRun run =
        CliRun.of(
            "export",
            "--jdbc-url",
            "jdbc:postgresql://127.0.0.1:1/smart_retry?user=reader&password=s3cret",
            "--out",
            files.resolve("out.csv").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("Cannot read the attempts at jdbc:postgresql://127.0.0.1:1/smart_retry?...");
    assertThat(run.err()).doesNotContain("s3cret");
    assertThat(run.err().lines().count()).isEqualTo(1);
    assertThat(files).isEmptyDirectory();
  }
}
