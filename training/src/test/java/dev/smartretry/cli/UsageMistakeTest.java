package dev.smartretry.cli;

import org.junit.jupiter.api.Test;

/**
 * Usage mistakes end with the reason and a pointer to the help, not the whole usage: the README
 * promises one line of failure on stderr, and a page of options would bury it.
 */
class UsageMistakeTest {
  @Test
  void aMissingOptionNamesItAndPointsToTheCommandsHelp() {
    CliRun.of("train", "--data", "x.csv")
        .isAUsageMistake("smart-retry train", "Missing required option: '--out=DIR'");
  }

  @Test
  void anUnknownCommandSuggestsTheNearestOne() {
    CliRun.of("trian").isAUsageMistake("smart-retry", "'trian'; did you mean train?");
  }

  @Test
  void anUnknownCommandWithoutANeighbourIsNamed() {
    CliRun.of("frobnicate").isAUsageMistake("smart-retry", "'frobnicate'");
  }

  @Test
  void noCommandAtAllPointsToTheRootsHelp() {
    CliRun.of().isAUsageMistake("smart-retry", "name a command");
  }

  @Test
  void anUnknownOptionOfACommandPointsToThatCommandsHelp() {
    CliRun.of("inspect", "--data", "x.csv", "--colour")
        .isAUsageMistake("smart-retry inspect", "Unknown option: '--colour'");
  }
}
