package dev.smartretry.features;

import dev.smartretry.history.DeclineCode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
  public static final int VERSION = 2;

  private static final String[] HOUR_NAMES = names("local_hour=%02d", 0, 23);
  private static final String[] DAY_NAMES = names("day_of_month=%02d", 1, 31);
  private static final String[] MONTH_END_NAMES = names("days_to_month_end=%d", 0, 4);
  private static final String[] WEEKDAY_NAMES = weekdayNames();
  private static final int TIME_FEATURES = 14;
  // Ids of the time features: their positions in TIME_FEATURE_LIST, which features.json records.
  private static final int TIME_OF_DAY = 0;
  private static final int TIME_OF_DAY_SIN = 1;
  private static final int TIME_OF_DAY_COS = 2;
  private static final int DAY_OF_MONTH = 3;
  private static final int DAYS_TO_MONTH_END = 4;
  private static final int DAYS_SINCE_FIRST_FAILURE = 5;
  private static final int DAYS_SINCE_PREVIOUS = 6;
  private static final int HOURS_SINCE_PREVIOUS_LOG = 7;
  private static final int BUSINESS_DAY_OF_MONTH = 8;
  private static final int BUSINESS_DAYS_TO_MONTH_END = 9;
  private static final int FIRST_HOUR = 10;
  private static final int FIRST_WEEKDAY = FIRST_HOUR + HOUR_NAMES.length;
  private static final int FIRST_DAY = FIRST_WEEKDAY + WEEKDAY_NAMES.length;
  private static final int FIRST_MONTH_END = FIRST_DAY + DAY_NAMES.length;
  private static final List<String> TIME_FEATURE_LIST = timeFeatureNameList();
  private static final long SECONDS_PER_DAY = 86_400;

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
    // Where the first failure fell in the customer's week and month: with the candidate's own
    // calendar features, a tree can tell how a failure's date relates to the days money arrives.
    LocalDate failedOn = context.firstFailureAt().atZone(context.timezone()).toLocalDate();
    add(nameList, values, "first_failure_day_of_month", failedOn.getDayOfMonth() / 31.0);
    add(
        nameList,
        values,
        "first_failure_days_to_month_end",
        (failedOn.lengthOfMonth() - failedOn.getDayOfMonth()) / 31.0);
    add(
        nameList,
        values,
        "first_failure_business_day",
        businessDaysThrough(failedOn.getDayOfMonth(), failedOn.withDayOfMonth(1).getDayOfWeek())
            / 23.0);
    add(nameList, values, "first_failure_weekday", (failedOn.getDayOfWeek().getValue() - 1) / 6.0);
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
    int[] ids = new int[TIME_FEATURES];
    double[] timeValues = new double[TIME_FEATURES];
    timeFeatures(context.decision(), candidate, ids, timeValues);
    for (int index = 0; index < TIME_FEATURES; index++) {
      names[base + index] = TIME_FEATURE_LIST.get(ids[index]);
      values[base + index] = timeValues[index];
    }
    return new FeatureVector(names, values);
  }

  /**
   * The time features of a retry at {@code candidate}, the one place they are computed: entry
   * {@code i} is the feature {@code timeFeatureNames().get(ids[i])} with value {@code values[i]},
   * for {@link #timeFeatureCount()} entries. {@link #at} names them for training and Tribuo; a tree
   * scorer reads them as they are, since it scores hundreds of candidates per decision.
   *
   * <p>The local date and time come from the zone's offset at that instant, exactly as {@code
   * candidate.atZone(zone)} would give them, without building a {@code ZonedDateTime}.
   */
  public void timeFeatures(
      DecisionContext decision, Instant candidate, int[] ids, double[] values) {
    timeFeatures(decision, decision.previousAttempt().attemptedAt(), candidate, ids, values);
  }

  /**
   * {@link #timeFeatures(DecisionContext, Instant, int[], double[])} had the decision's previous
   * attempt been made at {@code previousAt}: the only time feature it changes is the time since.
   */
  public void timeFeatures(
      DecisionContext decision, Instant previousAt, Instant candidate, int[] ids, double[] values) {
    ZoneOffset offset = decision.timezone().getRules().getOffset(candidate);
    long localSecond = candidate.getEpochSecond() + offset.getTotalSeconds();
    long epochDay = Math.floorDiv(localSecond, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(localSecond, SECONDS_PER_DAY);
    int hour = secondOfDay / 3600;
    int minuteOfDay = secondOfDay / 60;
    LocalDate date = LocalDate.ofEpochDay(epochDay);
    int dayOfMonth = date.getDayOfMonth();
    int daysToMonthEnd = date.lengthOfMonth() - dayOfMonth;
    // 1970-01-01, epoch day 0, was a Thursday: index 3 when Monday is 0.
    int weekday = (int) Math.floorMod(epochDay + 3, 7L);
    double dayAngle = 2 * Math.PI * minuteOfDay / 1440.0;
    double sincePrevious = daysBetween(previousAt, candidate);
    int index = 0;
    index = put(ids, values, index, TIME_OF_DAY, minuteOfDay / 1440.0);
    index = put(ids, values, index, TIME_OF_DAY_SIN, Math.sin(dayAngle));
    index = put(ids, values, index, TIME_OF_DAY_COS, Math.cos(dayAngle));
    index = put(ids, values, index, FIRST_HOUR + hour, 1);
    index = put(ids, values, index, FIRST_WEEKDAY + weekday, 1);
    index = put(ids, values, index, DAY_OF_MONTH, dayOfMonth / 31.0);
    index = put(ids, values, index, FIRST_DAY + dayOfMonth - 1, 1);
    index = put(ids, values, index, DAYS_TO_MONTH_END, daysToMonthEnd / 31.0);
    index =
        put(
            ids,
            values,
            index,
            FIRST_MONTH_END + Math.min(daysToMonthEnd, MONTH_END_NAMES.length - 1),
            1);
    index =
        put(
            ids,
            values,
            index,
            DAYS_SINCE_FIRST_FAILURE,
            daysBetween(decision.firstFailureAt(), candidate));
    index = put(ids, values, index, DAYS_SINCE_PREVIOUS, sincePrevious);
    // Monday to Friday days of the month through this one, and after it: pay rules such as the
    // n-th or the last business day are sharp in these, blurred in the day of the month.
    int firstWeekday = Math.floorMod(weekday - (dayOfMonth - 1), 7);
    int throughToday = businessDaysThrough(dayOfMonth, firstWeekday);
    int inMonth = businessDaysThrough(date.lengthOfMonth(), firstWeekday);
    index = put(ids, values, index, BUSINESS_DAY_OF_MONTH, throughToday / 23.0);
    index = put(ids, values, index, BUSINESS_DAYS_TO_MONTH_END, (inMonth - throughToday) / 23.0);
    put(ids, values, index, HOURS_SINCE_PREVIOUS_LOG, Math.log1p(Math.max(0, sincePrevious * 24)));
  }

  /**
   * Monday-to-Friday days among the first {@code days} days of a month whose first day is weekday
   * {@code firstWeekday} (Monday 0).
   */
  static int businessDaysThrough(int days, int firstWeekday) {
    int count = days / 7 * 5;
    for (int day = days / 7 * 7; day < days; day++) {
      count += (firstWeekday + day) % 7 < 5 ? 1 : 0;
    }
    return count;
  }

  private static int businessDaysThrough(int days, DayOfWeek firstDay) {
    return businessDaysThrough(days, firstDay.getValue() - 1);
  }

  private static int put(int[] ids, double[] values, int index, int id, double value) {
    ids[index] = id;
    values[index] = value;
    return index + 1;
  }

  /**
   * Every name the candidate-time part of a vector can hold, in a fixed order (the ids of {@link
   * #timeFeatures}): the last {@link #timeFeatureCount()} entries of a vector from {@link #at} are
   * among them. Everything else depends on the context alone, which lets a scorer settle it once
   * per decision.
   */
  public static List<String> timeFeatureNames() {
    return TIME_FEATURE_LIST;
  }

  /** How many entries {@link #at} appends to the context's features. */
  public static int timeFeatureCount() {
    return TIME_FEATURES;
  }

  /** Shorthand for one candidate: {@code at(context(decision), candidate)}. */
  public FeatureVector features(DecisionContext decision, Instant candidate) {
    return at(context(decision), candidate);
  }

  /**
   * Whole seconds from {@code from} to {@code to}, as {@code Duration.between} counts them, in
   * days.
   */
  private static double daysBetween(Instant from, Instant to) {
    long seconds = to.getEpochSecond() - from.getEpochSecond();
    if (to.getNano() < from.getNano()) {
      seconds--;
    }
    return seconds / (double) SECONDS_PER_DAY;
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

  private static List<String> timeFeatureNameList() {
    List<String> names =
        new ArrayList<>(
            List.of(
                "time_of_day",
                "time_of_day_sin",
                "time_of_day_cos",
                "day_of_month",
                "days_to_month_end",
                "days_since_first_failure",
                "days_since_previous",
                "hours_since_previous_log",
                "business_day_of_month",
                "business_days_to_month_end"));
    for (String[] group : new String[][] {HOUR_NAMES, WEEKDAY_NAMES, DAY_NAMES, MONTH_END_NAMES}) {
      names.addAll(List.of(group));
    }
    return List.copyOf(names);
  }

  private static String[] weekdayNames() {
    String[] names = new String[7];
    for (DayOfWeek day : DayOfWeek.values()) {
      names[day.getValue() - 1] = "weekday=" + day.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }
    return names;
  }
}
