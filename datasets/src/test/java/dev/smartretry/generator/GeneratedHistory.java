package dev.smartretry.generator;

import dev.smartretry.history.Attempt;
import dev.smartretry.history.DeclineCode;
import dev.smartretry.history.Invoice;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A default-world history generated once per test run and shared by the effect tests, each invoice
 * with its hidden truth. The effects are judged on the generated {@link Invoice}s, the same rows a
 * model would learn from; the truth only locates things like pay days.
 */
final class GeneratedHistory {
  static final long SEED = 20_260_101L;
  static final int COUNT = 40_000;

  private static GeneratedHistory instance;

  private final World world;
  private final List<Sample> samples;
  private final List<Retry> retries;

  private GeneratedHistory(WorldConfig config, long seed, int count) {
    HistoryGenerator generator = new HistoryGenerator(config, seed);
    this.world = generator.world();
    List<Sample> drawn = new ArrayList<>(count);
    List<Retry> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      WorldInvoice truth = world.draw(i);
      Sample sample = new Sample(truth, generator.invoice(truth));
      drawn.add(sample);
      List<Attempt> attempts = sample.invoice().attempts();
      for (int k = 1; k < attempts.size(); k++) {
        rows.add(new Retry(sample, attempts.get(k), attempts.get(k - 1)));
      }
    }
    this.samples = List.copyOf(drawn);
    this.retries = List.copyOf(rows);
  }

  static synchronized GeneratedHistory get() {
    if (instance == null) {
      instance = new GeneratedHistory(WorldConfig.defaults(), SEED, COUNT);
    }
    return instance;
  }

  static GeneratedHistory of(WorldConfig config, long seed, int count) {
    return new GeneratedHistory(config, seed, count);
  }

  World world() {
    return world;
  }

  List<Sample> samples() {
    return samples;
  }

  List<Retry> retries() {
    return retries;
  }

  Stream<Retry> retries(Predicate<Retry> filter) {
    return retries.stream().filter(filter);
  }

  /** Success rate of retries matching {@code filter}. */
  Rate rate(Predicate<Retry> filter) {
    return Rate.of(retries(filter).map(Retry::succeeded));
  }

  /** An invoice as generated, with the world's hidden truth about it. */
  record Sample(WorldInvoice truth, Invoice invoice) {
    DeclineCode firstCode() {
      return invoice.attempts().get(0).declineCode();
    }
  }

  /** One retry row with the row before it: what a model sees when it scores this retry. */
  record Retry(Sample sample, Attempt attempt, Attempt previous) {
    boolean succeeded() {
      return attempt.succeeded();
    }

    WorldInvoice truth() {
      return sample.truth();
    }

    DeclineCode previousCode() {
      return previous.declineCode();
    }

    boolean previousCodeIn(DeclineCode... codes) {
      return List.of(codes).contains(previous.declineCode());
    }

    Cause cause() {
      return sample.truth().cause();
    }

    ZonedDateTime local() {
      return attempt.attemptedAt().atZone(sample.invoice().timezone());
    }

    LocalDate localDate() {
      return local().toLocalDate();
    }

    int localHour() {
      return local().getHour();
    }

    double hoursSincePrevious() {
      return Duration.between(previous.attemptedAt(), attempt.attemptedAt()).toSeconds() / 3600.0;
    }

    double hoursSinceFirst() {
      return Duration.between(sample.invoice().firstFailureAt(), attempt.attemptedAt()).toSeconds()
          / 3600.0;
    }

    /** Hours since the latest salary posted before this retry (hidden truth). */
    double hoursSinceSalary() {
      var deposits =
          truth()
              .deposits(attempt.attemptedAt().minus(Duration.ofDays(70)), attempt.attemptedAt())
              .stream()
              .filter(Deposit::salary)
              .toList();
      if (deposits.isEmpty()) {
        return Double.POSITIVE_INFINITY;
      }
      return Duration.between(deposits.get(deposits.size() - 1).postedAt(), attempt.attemptedAt())
              .toSeconds()
          / 3600.0;
    }

    /** Days from the local pay day on or before this retry's local date (0 on pay day). */
    long daysSincePayDay() {
      LocalDate day = localDate();
      return day.toEpochDay() - truth().payCalendar().payDayOnOrBefore(day).toEpochDay();
    }

    /** Days from this retry's local date to the next pay day after it. */
    long daysToNextPayDay() {
      LocalDate day = localDate();
      return truth().payCalendar().payDayAfter(day).toEpochDay() - day.toEpochDay();
    }
  }

  /** A success rate with its count. */
  record Rate(long successes, long count) {
    static Rate of(Stream<Boolean> outcomes) {
      long[] tally = new long[2];
      outcomes.forEach(
          success -> {
            tally[1]++;
            if (success) {
              tally[0]++;
            }
          });
      return new Rate(tally[0], tally[1]);
    }

    double value() {
      return count == 0 ? Double.NaN : successes / (double) count;
    }

    /** A generous two-sided margin (3 binomial standard errors), for assertions. */
    double margin() {
      double p = value();
      return 3 * Math.sqrt(p * (1 - p) / Math.max(1, count));
    }

    @Override
    public String toString() {
      return String.format("%.3f (n=%d)", value(), count);
    }
  }
}
