package dev.smartretry.service.policy;

import dev.smartretry.planner.RetryPolicy.Mode;
import dev.smartretry.service.problem.FieldError;
import dev.smartretry.service.problem.ServiceProblem;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks a {@link PolicyJson} against the API's rules and fills in its defaults. It reports every
 * invalid field at once; a field that depends on an invalid one (the schedule on {@code
 * max_duration}) is checked only as far as it can be.
 */
final class PolicyValidator {
  private static final int MIN_RETRIES = 1;
  private static final int MAX_RETRIES = 25;
  private static final Duration LONGEST = Duration.ofDays(60);
  private static final String LONGEST_TEXT = "P60D";

  private static final int DEFAULT_MAX_RETRIES = 8;
  private static final IsoDuration DEFAULT_MAX_DURATION = IsoDuration.parse("P14D");
  private static final IsoDuration DEFAULT_MIN_INTERVAL = IsoDuration.parse("PT1H");
  private static final IsoDuration NO_GRACE_PERIOD = IsoDuration.parseAllowingZero("PT0S");
  private static final List<IsoDuration> DEFAULT_SCHEDULE =
      List.of(
          IsoDuration.parse("P1D"),
          IsoDuration.parse("P3D"),
          IsoDuration.parse("P5D"),
          IsoDuration.parse("P7D"));

  private final String fieldPrefix;
  private final List<FieldError> errors = new ArrayList<>();

  PolicyValidator(String fieldPrefix) {
    this.fieldPrefix = fieldPrefix;
  }

  Policy validate(PolicyJson json, String name) {
    Names.problemWith(name).ifPresent(problem -> reject("name", problem));
    if (json.name() != null && !json.name().equals(name)) {
      reject("name", "must be the name the policy is stored under, " + name);
    }
    Mode mode = mode(json.mode());
    Integer maxRetries = maxRetries(json.maxRetries());
    IsoDuration maxDuration = maxDuration(json.maxDuration());
    IsoDuration minInterval = minInterval(json.minInterval(), maxDuration);
    List<IsoDuration> schedule = schedule(json.schedule(), mode, maxRetries, maxDuration);
    FinalAction finalAction = finalAction(json.finalAction());
    IsoDuration gracePeriod = gracePeriod(json.gracePeriod(), maxDuration);
    double controlShare = controlShare(json.controlShare());
    if (!errors.isEmpty()) {
      throw ServiceProblem.invalid(errors);
    }
    return new Policy(
        name,
        mode,
        maxRetries,
        maxDuration,
        minInterval,
        schedule,
        finalAction,
        gracePeriod,
        controlShare);
  }

  private @Nullable Mode mode(@Nullable String text) {
    if (text == null) {
      return Mode.SMART;
    }
    Optional<Mode> mode =
        Arrays.stream(Mode.values()).filter(m -> PolicyJson.modeName(m).equals(text)).findFirst();
    if (mode.isEmpty()) {
      reject("mode", "must be smart, fixed or manual");
    }
    return mode.orElse(null);
  }

  private @Nullable Integer maxRetries(@Nullable Integer value) {
    if (value == null) {
      return DEFAULT_MAX_RETRIES;
    }
    if (value < MIN_RETRIES || value > MAX_RETRIES) {
      reject("max_retries", "must be between " + MIN_RETRIES + " and " + MAX_RETRIES);
      return null;
    }
    return value;
  }

  private @Nullable IsoDuration maxDuration(@Nullable String text) {
    IsoDuration maxDuration = duration("max_duration", text, DEFAULT_MAX_DURATION);
    if (maxDuration != null && maxDuration.value().compareTo(LONGEST) > 0) {
      reject("max_duration", "must be at most " + LONGEST_TEXT);
      return null;
    }
    return maxDuration;
  }

  private @Nullable IsoDuration minInterval(
      @Nullable String text, @Nullable IsoDuration maxDuration) {
    IsoDuration minInterval = duration("min_interval", text, DEFAULT_MIN_INTERVAL);
    if (minInterval != null && maxDuration != null && minInterval.isLongerThan(maxDuration)) {
      reject("min_interval", "must not be longer than max_duration, " + maxDuration);
      return null;
    }
    return minInterval;
  }

  private @Nullable List<IsoDuration> schedule(
      @Nullable List<String> texts,
      @Nullable Mode mode,
      @Nullable Integer maxRetries,
      @Nullable IsoDuration maxDuration) {
    if (texts == null) {
      if (mode == Mode.FIXED) {
        reject("schedule", "is required for a fixed policy");
        return null;
      }
      return defaultSchedule(maxRetries, maxDuration);
    }
    if (texts.isEmpty() && mode == Mode.FIXED) {
      reject("schedule", "must not be empty for a fixed policy");
    }
    if (maxRetries != null && texts.size() > maxRetries) {
      reject("schedule", "must have at most max_retries (" + maxRetries + ") entries");
    }
    List<IsoDuration> schedule = new ArrayList<>();
    IsoDuration previous = null;
    for (int i = 0; i < texts.size(); i++) {
      String field = "schedule[" + i + "]";
      IsoDuration offset = duration(field, texts.get(i), null);
      if (offset == null) {
        continue;
      }
      if (maxDuration != null && offset.isLongerThan(maxDuration)) {
        reject(field, "must not be longer than max_duration, " + maxDuration);
      } else if (previous != null && !offset.isLongerThan(previous)) {
        reject(field, "must be longer than the entry before it, " + previous);
      }
      schedule.add(offset);
      previous = offset;
    }
    return schedule;
  }

  /** The default schedule without the offsets the policy's limits leave no room for. */
  private static @Nullable List<IsoDuration> defaultSchedule(
      @Nullable Integer maxRetries, @Nullable IsoDuration maxDuration) {
    if (maxRetries == null || maxDuration == null) {
      return null;
    }
    return DEFAULT_SCHEDULE.stream()
        .filter(offset -> !offset.isLongerThan(maxDuration))
        .limit(maxRetries)
        .toList();
  }

  private @Nullable IsoDuration gracePeriod(
      @Nullable String text, @Nullable IsoDuration maxDuration) {
    if (text == null) {
      return NO_GRACE_PERIOD;
    }
    IsoDuration grace;
    try {
      grace = IsoDuration.parseAllowingZero(text);
    } catch (IllegalArgumentException e) {
      reject("grace_period", e.getMessage());
      return null;
    }
    if (maxDuration != null && !maxDuration.isLongerThan(grace)) {
      reject("grace_period", "must be shorter than max_duration, " + maxDuration);
      return null;
    }
    return grace;
  }

  private double controlShare(@Nullable Double share) {
    if (share == null) {
      return 0;
    }
    if (!(share >= 0 && share <= Policy.MAX_CONTROL_SHARE)) {
      reject("control_share", "must be between 0 and " + Policy.MAX_CONTROL_SHARE);
      return 0;
    }
    return share;
  }

  private @Nullable FinalAction finalAction(@Nullable String text) {
    if (text == null) {
      return FinalAction.MARK_UNCOLLECTIBLE;
    }
    Optional<FinalAction> action = FinalAction.fromWireName(text);
    if (action.isEmpty()) {
      reject("final_action", "must be one of " + FinalAction.wireNames());
    }
    return action.orElse(null);
  }

  /** The duration {@code text}, {@code absent} if there is none, null if it is invalid. */
  private @Nullable IsoDuration duration(
      String field, @Nullable String text, @Nullable IsoDuration absent) {
    if (text == null) {
      if (absent == null) {
        reject(field, "must be a duration");
      }
      return absent;
    }
    try {
      return IsoDuration.parse(text);
    } catch (IllegalArgumentException e) {
      reject(field, e.getMessage());
      return null;
    }
  }

  private void reject(String field, String message) {
    errors.add(new FieldError(fieldPrefix + field, message));
  }
}
