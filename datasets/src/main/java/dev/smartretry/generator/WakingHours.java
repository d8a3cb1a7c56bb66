package dev.smartretry.generator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * The customer's waking hours, when money gets spent: counting only them is what makes a night cost
 * a balance nothing and an afternoon cost it a lot.
 */
final class WakingHours {
  private static final int DAY = 86_400;

  private final ZoneRules rules;
  private final int fromSecond;
  private final int toSecond;

  WakingHours(ZoneId zone, int fromHour, int toHour) {
    this.rules = zone.getRules();
    this.fromSecond = fromHour * 3600;
    this.toSecond = toHour * 3600;
  }

  /** Waking hours between two instants, 0 when {@code to} is not after {@code from}. */
  double between(long fromEpochSecond, long toEpochSecond) {
    if (toEpochSecond <= fromEpochSecond) {
      return 0;
    }
    return betweenLocal(local(fromEpochSecond), local(toEpochSecond));
  }

  /** The same, for two local wall-clock times in seconds since the local epoch. */
  double betweenLocal(long fromLocalSecond, long toLocalSecond) {
    return Math.max(0, awakeSince(toLocalSecond) - awakeSince(fromLocalSecond)) / 3600.0;
  }

  long local(long epochSecond) {
    return epochSecond + rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
  }

  /** Waking seconds from the local epoch to {@code localSecond}. */
  private long awakeSince(long localSecond) {
    long days = Math.floorDiv(localSecond, DAY);
    long intoDay = localSecond - days * DAY;
    long today = Math.min(Math.max(intoDay - fromSecond, 0), toSecond - fromSecond);
    return days * (toSecond - fromSecond) + today;
  }
}
