package dev.smartretry.cli;

import dev.smartretry.generator.RandomWorlds;
import dev.smartretry.generator.World;
import dev.smartretry.generator.WorldConfig;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The generator's world a command works in: the default world, one drawn at random ({@code
 * --random-world}), or the default overridden by a file ({@code --config}); and the {@code --seed}
 * of its invoices.
 */
final class WorldOptions {
  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "S",
      description = "The seed of the world's invoices (default: ${DEFAULT-VALUE}, the sample's).")
  long seed;

  @ArgGroup(exclusive = true)
  Source source;

  /** Where the world's parameters come from, when not from the defaults. */
  static final class Source {
    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "JSON overriding the default world's fields, one by one.")
    Path config;

    @Option(
        names = "--random-world",
        paramLabel = "W",
        description =
            "A world drawn at random from W: its countries, pay calendars, holidays and every"
                + " effect's strength. The same W is always the same world.")
    Long randomWorld;
  }

  /** The world's parameters. */
  WorldConfig config() {
    if (source == null) {
      return WorldConfig.defaults();
    }
    return source.randomWorld != null
        ? RandomWorlds.draw(source.randomWorld)
        : WorldConfig.load(source.config);
  }

  World world() {
    return new World(config(), seed);
  }
}
