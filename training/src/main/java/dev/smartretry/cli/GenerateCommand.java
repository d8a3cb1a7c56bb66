package dev.smartretry.cli;

import dev.smartretry.generator.HistoryGenerator;
import dev.smartretry.generator.WorldConfig;
import dev.smartretry.generator.WorldMixture;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a synthetic attempts history made by an exploring legacy retry policy in one"
          + " imagined world of card declines (see datasets/README.md for its effects).",
      "The same seed and config give a byte-identical file."
    })
final class GenerateCommand implements Callable<Integer> {
  private static final Pattern WORLD_RANGE = Pattern.compile("(\\d{1,12})\\.\\.(\\d{1,12})");
  private static final int MAX_WORLDS = 100_000;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--invoices",
      required = true,
      paramLabel = "N",
      description = "Failed invoices to generate.")
  long invoices;

  @CommandLine.Mixin WorldOptions world;

  @Option(
      names = "--random-worlds",
      paramLabel = "W..V",
      description =
          "A mixture instead of one world: --invoices shared out evenly over the randomized"
              + " worlds W to V (each as --random-world, its invoices seeded by its own number),"
              + " as the shipped default model is trained on.")
  String randomWorlds;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "Output CSV; gzip when it ends in .gz.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (invoices < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--invoices must be at least 1");
    }
    WorldMixture mixture = randomWorlds == null ? null : mixture();
    WorldConfig worldConfig = world.config();
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    long started = System.nanoTime();
    try (Progress progress = Progress.start("generate", invoices, "invoices", 1)) {
      if (mixture != null) {
        mixture.write(out, progress::stepTo);
      } else {
        new HistoryGenerator(worldConfig, world.seed).write(out, invoices, progress::stepTo);
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    err.printf(
        "wrote %,d invoices to %s (%,d bytes) in %.1f s%n",
        invoices, out, Files.size(out), (System.nanoTime() - started) / 1e9);
    err.flush();
    return 0;
  }

  private WorldMixture mixture() {
    Matcher range = WORLD_RANGE.matcher(randomWorlds.strip());
    if (!range.matches()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--random-worlds must be a range such as 4001..4200");
    }
    if (world.source != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--random-worlds is a mixture of its own: no --config or --random-world");
    }
    long first = Long.parseLong(range.group(1));
    long last = Long.parseLong(range.group(2));
    if (last < first || last - first >= MAX_WORLDS) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--random-worlds must go up, from 1 to " + MAX_WORLDS + " worlds: " + randomWorlds);
    }
    int worlds = (int) (last - first + 1);
    if (invoices % worlds != 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--invoices (" + invoices + ") must share out evenly over the " + worlds + " worlds");
    }
    return new WorldMixture(first, worlds, invoices / worlds);
  }
}
