package dev.smartretry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of the CLI: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = SmartRetryCli.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }

  /**
   * A usage mistake: exit code 2, nothing on stdout, and on stderr exactly two lines, the reason
   * and a pointer to the help of {@code command} (e.g. "smart-retry train").
   */
  void isAUsageMistake(String command, String reason) {
    assertThat(exitCode).as(err).isEqualTo(2);
    assertThat(out).isEmpty();
    assertThat(err.lines().toList())
        .as(err)
        .hasSize(2)
        .satisfies(lines -> assertThat(lines.get(0)).startsWith("error: ").contains(reason))
        .satisfies(lines -> assertThat(lines.get(1)).isEqualTo("Try '" + command + " --help'."));
  }
}
