package dev.smartretry.cli;

import dev.smartretry.generator.HistoryGenerator;
import dev.smartretry.generator.WorldConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--invoices",
      required = true,
      paramLabel = "N",
      description = "Failed invoices to generate.")
  long invoices;

  @CommandLine.Mixin WorldOptions world;

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
    WorldConfig worldConfig = world.config();
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    long started = System.nanoTime();
    try (Progress progress = Progress.start("generate", invoices, "invoices", 1)) {
      new HistoryGenerator(worldConfig, world.seed).write(out, invoices, progress::stepTo);
    }
    PrintWriter err = spec.commandLine().getErr();
    err.printf(
        "wrote %,d invoices to %s (%,d bytes) in %.1f s%n",
        invoices, out, Files.size(out), (System.nanoTime() - started) / 1e9);
    err.flush();
    return 0;
  }
}
