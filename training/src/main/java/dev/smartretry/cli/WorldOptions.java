package dev.smartretry.cli;

import dev.smartretry.generator.World;
import dev.smartretry.generator.WorldConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The generator's world a command plays in: {@code --seed} and {@code --config}. */
final class WorldOptions {
  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "S",
      description = "The world's seed (default: ${DEFAULT-VALUE}, the sample's world).")
  long seed;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "JSON overriding the world's defaults, as for generate.")
  Path config;

  World world() {
    return new World(config == null ? WorldConfig.defaults() : WorldConfig.load(config), seed);
  }
}
