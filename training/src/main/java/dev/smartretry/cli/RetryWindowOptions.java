package dev.smartretry.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The retry window a command plays strategies in: how long after the first failure, how close. */
final class RetryWindowOptions {
  @Option(
      names = "--max-duration",
      defaultValue = "P14D",
      paramLabel = "D",
      description = "Retry window after the first failure, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration maxDuration;

  @Option(
      names = "--min-interval",
      defaultValue = "PT1H",
      paramLabel = "D",
      description = "Least time between attempts, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration minInterval;
}
