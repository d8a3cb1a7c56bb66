package dev.smartretry.generator;

import dev.smartretry.generator.GeneratedHistory.Rate;
import dev.smartretry.generator.GeneratedHistory.Retry;
import dev.smartretry.generator.GeneratedHistory.Sample;
import dev.smartretry.history.Attempt;
import dev.smartretry.history.DeclineCode;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Prints the rates the default world produces, as quoted in datasets/README.md (not a unit test).
 * From datasets/, with the classpath of {@link WriteTiming}: {@code java -cp ...
 * dev.smartretry.generator.EffectRates [invoices] [seed]}.
 */
public final class EffectRates {
  private EffectRates() {}

  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : GeneratedHistory.COUNT;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : GeneratedHistory.SEED;
    GeneratedHistory h = GeneratedHistory.of(WorldConfig.defaults(), seed, count);
    System.out.printf(
        "%,d invoices, %,d retries (seed %d)%n%n", h.samples().size(), h.retries().size(), seed);
    for (Measures.Contrast c :
        new Measures.Contrast[] {
          Measures.fundsAtNight(h),
          Measures.fundsAfterPayDay(h),
          Measures.fundsSpentAgain(h),
          Measures.fundsMonthEnd(h),
          Measures.fundsByAmount(h),
          Measures.holdWait(h),
          Measures.holdExtended(h),
          Measures.velocityMidnight(h),
          Measures.outageWait(h),
          Measures.processingErrorWait(h),
          Measures.maskedAtNight(h, true),
          Measures.maskedAtNight(h, false),
          Measures.maskedAfterPayDay(h, true),
          Measures.maskedAfterPayDay(h, false),
          Measures.previousDevices(h)
        }) {
      System.out.println(c);
    }
    System.out.println();
    System.out.println("recovery and retries by hidden cause:");
    Map<Cause, long[]> byCause = new TreeMap<>();
    for (Sample s : h.samples()) {
      long[] t = byCause.computeIfAbsent(s.truth().cause(), k -> new long[3]);
      t[0]++;
      t[1] += s.invoice().recovered() ? 1 : 0;
      t[2] += s.invoice().retries().size();
    }
    byCause.forEach(
        (cause, t) ->
            System.out.printf(
                "  %-20s %5.1f%% of invoices, recovered %5.1f%%, %.2f retries each%n",
                cause,
                100.0 * t[0] / h.samples().size(),
                100.0 * t[1] / t[0],
                (double) t[2] / t[0]));
    System.out.println("recovery by first decline code:");
    Map<DeclineCode, long[]> byCode = new TreeMap<>();
    for (Sample s : h.samples()) {
      long[] t = byCode.computeIfAbsent(s.firstCode(), k -> new long[2]);
      t[0]++;
      t[1] += s.invoice().recovered() ? 1 : 0;
    }
    byCode.forEach(
        (code, t) ->
            System.out.printf(
                "  %-34s %5.1f%% of invoices, recovered %5.1f%%%n",
                code.wireName(), 100.0 * t[0] / h.samples().size(), 100.0 * t[1] / t[0]));
    long recovered = h.samples().stream().filter(s -> s.invoice().recovered()).count();
    System.out.printf("overall recovery %.1f%%%n", 100.0 * recovered / h.samples().size());
    Rate expired =
        Rate.of(
            h.samples().stream()
                .filter(s -> s.firstCode() == DeclineCode.EXPIRED_CARD)
                .map(s -> s.invoice().recovered()));
    System.out.println("expired_card invoices recovered: " + expired);
    double devicesSucceeded = meanDevices(h, Attempt::succeeded);
    double devicesFailed = meanDevices(h, a -> !a.succeeded());
    System.out.printf(
        "mean devices_24h: succeeded rows %.2f, failed rows %.2f%n",
        devicesSucceeded, devicesFailed);
    legacyPolicy(h);
  }

  private static void legacyPolicy(GeneratedHistory h) {
    double[] hours = h.retries().stream().mapToDouble(Retry::hoursSincePrevious).toArray();
    long n = hours.length;
    System.out.printf(
        "retries per invoice %.2f; delays: <15 min %.1f%%, 15 min-1 h %.1f%%, 1-24 h %.1f%%,"
            + " 1-2 d %.1f%%, >=2 d %.1f%%; %,d distinct delays in minutes%n",
        (double) n / h.samples().size(),
        100.0 * Arrays.stream(hours).filter(x -> x < 0.25).count() / n,
        100.0 * Arrays.stream(hours).filter(x -> x >= 0.25 && x < 1).count() / n,
        100.0 * Arrays.stream(hours).filter(x -> x >= 1 && x < 24).count() / n,
        100.0 * Arrays.stream(hours).filter(x -> x >= 24 && x < 48).count() / n,
        100.0 * Arrays.stream(hours).filter(x -> x >= 48).count() / n,
        Arrays.stream(hours).mapToLong(x -> Math.round(x * 60)).distinct().count());
    long hard = h.samples().stream().filter(s -> s.firstCode().isHard()).count();
    long hardRetried =
        h.samples().stream()
            .filter(s -> s.firstCode().isHard() && !s.invoice().retries().isEmpty())
            .count();
    System.out.printf(
        "hard first declines retried anyway: %d of %d (%.1f%%), none succeeded%n",
        hardRetried, hard, 100.0 * hardRetried / hard);
  }

  private static double meanDevices(GeneratedHistory h, Predicate<Attempt> filter) {
    return h.samples().stream()
        .flatMap(s -> s.invoice().attempts().stream())
        .filter(filter)
        .mapToInt(a -> a.devices24h().getAsInt())
        .average()
        .orElse(Double.NaN);
  }
}
