package dev.smartretry.generator;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures {@link HistoryGenerator#write} (not a unit test: a million invoices take half a minute).
 * From datasets/, after {@code mvn -o test-compile} and {@code mvn -o dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt}:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     dev.smartretry.generator.WriteTiming 1000000 target/attempts-1m.csv.gz 42
 * </pre>
 */
public final class WriteTiming {
  private WriteTiming() {}

  public static void main(String[] args) throws Exception {
    long invoices = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    Path out = Path.of(args.length > 1 ? args[1] : "target/attempts-timing.csv.gz");
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
    long started = System.nanoTime();
    new HistoryGenerator(WorldConfig.defaults(), seed).write(out, invoices, done -> {});
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "%,d invoices -> %s: %,d bytes in %.1f s on %d cores%n",
        invoices, out, Files.size(out), seconds, Runtime.getRuntime().availableProcessors());
  }
}
