package dev.smartretry.service.policy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.smartretry.planner.RetryPolicy;
import dev.smartretry.service.problem.ServiceProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Locale;

/**
 * A policy as the API reads and writes it. Read, any field may be absent and gets its default;
 * written, every field is present.
 *
 * @param name must equal the name the policy is stored under, if present
 * @param mode {@code smart} (default), {@code fixed} or {@code manual}
 * @param maxRetries 1 to 25, default 8
 * @param maxDuration up to {@code P60D}, default {@code P14D}
 * @param minInterval up to {@code max_duration}, default {@code PT1H}
 * @param schedule required for {@code fixed}; default {@code [P1D, P3D, P5D, P7D]}, cut to {@code
 *     max_duration} and {@code max_retries}
 * @param finalAction {@code mark_uncollectible} (default), {@code cancel_subscription} or {@code
 *     leave_open}
 * @param gracePeriod no retry sooner than this after the first failure; default {@code PT0S}, none
 * @param controlShare the share of customers in the control arm, 0 to 0.5; default 0, none
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PolicyJson(
    @Nullable String name,
    @Nullable String mode,
    @Nullable Integer maxRetries,
    @Nullable String maxDuration,
    @Nullable String minInterval,
    @Nullable List<String> schedule,
    @Nullable String finalAction,
    @Nullable String gracePeriod,
    @Nullable Double controlShare) {

  public static PolicyJson of(Policy policy) {
    return new PolicyJson(
        policy.name(),
        modeName(policy.mode()),
        policy.maxRetries(),
        policy.maxDuration().text(),
        policy.minInterval().text(),
        policy.schedule().stream().map(IsoDuration::text).toList(),
        policy.finalAction().wireName(),
        policy.gracePeriod().text(),
        policy.controlShare());
  }

  /**
   * The policy this describes, with the defaults filled in, to be known as {@code name}.
   *
   * @param fieldPrefix put before each field's name in errors: empty for a body that is a policy,
   *     {@code "policy."} for one inside a decision request
   * @throws ServiceProblem 400 naming every invalid field, {@code name} included
   */
  public Policy toPolicy(String name, String fieldPrefix) {
    return new PolicyValidator(fieldPrefix).validate(this, name);
  }

  static String modeName(RetryPolicy.Mode mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }
}
