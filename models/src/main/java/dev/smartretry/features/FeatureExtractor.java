package dev.smartretry.features;

import dev.smartretry.history.DeclineCode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a decision context and a candidate retry time into features. The part that does not depend
 * on the candidate is computed once per context ({@link #context}), so scoring many candidates for
 * one decision only adds the time features ({@link #at}).
 *
 * <p>Time features are taken in the customer's local zone, DST included: a candidate's local hour
 * is the wall-clock hour there, while elapsed time is real time. Numeric features are scaled to
 * about one (days, fractions of a day or month) so that a linear model trained by SGD converges.
 * Every numeric feature also has the one-hot form a linear model needs to learn peaks (a pay day,
 * an hour after midnight); trees use whichever splits better.
 */
public final class FeatureExtractor {
  /** Changes whenever a feature's name or meaning changes; models record the version they used. */
  public static final int VERSION = 1;

  private static final String[] HOUR_NAMES = names("local_hour=%02d", 0, 23);
  private static final String[] DAY_NAMES = names("day_of_month=%02d", 1, 31);
  private static final String[] MONTH_END_NAMES = names("days_to_month_end=%d", 0, 4);
  private static final String[] WEEKDAY_NAMES = weekdayNames();
  private static final int TIME_FEATURES = 12;
  private static final Set<String> TIME_FEATURE_NAMES = timeFeatureNameSet();
  private static final double SECONDS_PER_DAY = 86_400.0;

  // Names built from values (country=FR, issuer=iss_042) are kept once: a training set holds
  // millions of vectors, and Tribuo keeps each vector's names.
  private final Map<String, String> names = new ConcurrentHashMap<>();

  /** The context's features, ready to be combined with candidate times. */
  public ContextFeatures context(DecisionContext context) {
    List<String> nameList = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    PastAttempt previous = context.previousAttempt();
    DeclineCode firstCode = context.attempts().get(0).declineCode();
    int repeats = 0;
    for (PastAttempt attempt : context.attempts()) {
      repeats += attempt.declineCode() == previous.declineCode() ? 1 : 0;
    }
    add(nameList, values, "retry_number", context.nextRetryNumber());
    add(nameList, values, named("first_code=", firstCode.wireName()), 1);
    add(nameList, values, named("previous_code=", previous.declineCode().wireName()), 1);
    add(nameList, values, "previous_code_repeats", repeats);
    add(nameList, values, named("brand=", context.card().brand().wireName()), 1);
    add(nameList, values, named("funding=", context.card().funding().wireName()), 1);
    add(nameList, values, named("country=", context.card().country()), 1);
    if (context.card().issuerId().isPresent()) {
      add(nameList, values, named("issuer=", context.card().issuerId().get()), 1);
    } else {
      add(nameList, values, "issuer_missing", 1);
    }
    add(nameList, values, "amount_log", Math.log1p(context.amountMinor()));
    add(nameList, values, named("currency=", context.currency()), 1);
    add(nameList, values, named("interval=", context.billingInterval().wireName()), 1);
    if (context.customerTenureDays().isPresent()) {
      add(nameList, values, "tenure_days_log", Math.log1p(context.customerTenureDays().getAsInt()));
    } else {
      add(nameList, values, "tenure_missing", 1);
    }
    if (context.lastDevices24h().isPresent()) {
      add(nameList, values, "devices_24h", context.lastDevices24h().getAsInt());
    } else {
      add(nameList, values, "devices_missing", 1);
    }
    String[] nameArray = nameList.toArray(String[]::new);
    double[] valueArray = values.stream().mapToDouble(Double::doubleValue).toArray();
    return new ContextFeatures(context, nameArray, valueArray);
  }

  /** All features of a retry at {@code candidate}. */
  public FeatureVector at(ContextFeatures context, Instant candidate) {
    int base = context.names().length;
    String[] names = new String[base + TIME_FEATURES];
    double[] values = new double[base + TIME_FEATURES];
    System.arraycopy(context.names(), 0, names, 0, base);
    System.arraycopy(context.values(), 0, values, 0, base);
    DecisionContext decision = context.decision();
    ZonedDateTime local = candidate.atZone(decision.timezone());
    int minuteOfDay = local.getHour() * 60 + local.getMinute();
    double dayAngle = 2 * Math.PI * minuteOfDay / 1440.0;
    int daysToMonthEnd = local.toLocalDate().lengthOfMonth() - local.getDayOfMonth();
    double sinceFirst = daysBetween(decision.firstFailureAt(), candidate);
    double sincePrevious = daysBetween(decision.previousAttempt().attemptedAt(), candidate);
    int index = base;
    names[index] = "time_of_day";
    values[index++] = minuteOfDay / 1440.0;
    names[index] = "time_of_day_sin";
    values[index++] = Math.sin(dayAngle);
    names[index] = "time_of_day_cos";
    values[index++] = Math.cos(dayAngle);
    names[index] = HOUR_NAMES[local.getHour()];
    values[index++] = 1;
    names[index] = WEEKDAY_NAMES[local.getDayOfWeek().getValue() - 1];
    values[index++] = 1;
    names[index] = "day_of_month";
    values[index++] = local.getDayOfMonth() / 31.0;
    names[index] = DAY_NAMES[local.getDayOfMonth() - 1];
    values[index++] = 1;
    names[index] = "days_to_month_end";
    values[index++] = daysToMonthEnd / 31.0;
    names[index] = MONTH_END_NAMES[Math.min(daysToMonthEnd, MONTH_END_NAMES.length - 1)];
    values[index++] = 1;
    names[index] = "days_since_first_failure";
    values[index++] = sinceFirst;
    names[index] = "days_since_previous";
    values[index++] = sincePrevious;
    names[index] = "hours_since_previous_log";
    values[index] = Math.log1p(Math.max(0, sincePrevious * 24));
    return new FeatureVector(names, values);
  }

  /**
   * Every name the candidate-time part of a vector can hold: the last {@link #timeFeatureCount()}
   * entries of a vector from {@link #at}. Everything else depends on the context alone, which lets
   * a scorer settle it once per decision.
   */
  public static Set<String> timeFeatureNames() {
    return TIME_FEATURE_NAMES;
  }

  /** How many entries {@link #at} appends to the context's features. */
  public static int timeFeatureCount() {
    return TIME_FEATURES;
  }

  /** Shorthand for one candidate: {@code at(context(decision), candidate)}. */
  public FeatureVector features(DecisionContext decision, Instant candidate) {
    return at(context(decision), candidate);
  }

  private static double daysBetween(Instant from, Instant to) {
    return Duration.between(from, to).getSeconds() / SECONDS_PER_DAY;
  }

  private String named(String prefix, String value) {
    return names.computeIfAbsent(prefix + value, name -> name);
  }

  private static void add(List<String> names, List<Double> values, String name, double value) {
    names.add(name);
    values.add(value);
  }

  private static String[] names(String pattern, int from, int to) {
    String[] names = new String[to - from + 1];
    for (int value = from; value <= to; value++) {
      names[value - from] = String.format(Locale.ROOT, pattern, value);
    }
    return names;
  }

  private static Set<String> timeFeatureNameSet() {
    Set<String> names =
        new LinkedHashSet<>(
            List.of(
                "time_of_day",
                "time_of_day_sin",
                "time_of_day_cos",
                "day_of_month",
                "days_to_month_end",
                "days_since_first_failure",
                "days_since_previous",
                "hours_since_previous_log"));
    for (String[] group : new String[][] {HOUR_NAMES, WEEKDAY_NAMES, DAY_NAMES, MONTH_END_NAMES}) {
      names.addAll(List.of(group));
    }
    return Collections.unmodifiableSet(names);
  }

  private static String[] weekdayNames() {
    String[] names = new String[7];
    for (DayOfWeek day : DayOfWeek.values()) {
      names[day.getValue() - 1] = "weekday=" + day.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }
    return names;
  }
}
