package dev.smartretry.service.metrics;

import dev.smartretry.service.problem.FieldError;
import dev.smartretry.service.problem.ServiceProblem;
import dev.smartretry.service.security.Allowed;
import dev.smartretry.service.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.util.List;

/**
 * {@code /v1/metrics} (docs/http-api.md, section 4): recovery by cohort of first failure, the
 * uplift of the live control group, how long recovery takes and how well the live model's
 * probabilities held. Each takes {@code from} and {@code to}; see {@link MetricsWindow}.
 */
@Controller("/v1/metrics")
@Allowed(Role.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
final class MetricsController {
  private final RecoveryReport recovery;
  private final UpliftReport uplift;
  private final CalibrationReport calibration;
  private final Clock clock;

  MetricsController(
      RecoveryReport recovery, UpliftReport uplift, CalibrationReport calibration, Clock clock) {
    this.recovery = recovery;
    this.uplift = uplift;
    this.calibration = calibration;
    this.clock = clock;
  }

  @Get("/recovery")
  RecoveryJson recovery(
      @QueryValue @Nullable String from,
      @QueryValue @Nullable String to,
      @QueryValue("group_by") @Nullable String groupBy) {
    RecoveryGrouping grouping = RecoveryGrouping.ALL;
    if (groupBy != null) {
      grouping =
          RecoveryGrouping.fromWireName(groupBy)
              .orElseThrow(
                  () ->
                      ServiceProblem.invalid(
                          List.of(
                              new FieldError(
                                  "group_by",
                                  "must be one of "
                                      + RecoveryGrouping.wireNames()
                                      + ", or absent for one group"))));
    }
    return recovery.recovery(window(from, to), grouping, clock.instant());
  }

  @Get("/uplift")
  UpliftJson uplift(@QueryValue @Nullable String from, @QueryValue @Nullable String to) {
    return uplift.uplift(window(from, to), clock.instant());
  }

  @Get("/time-to-recovery")
  TimeToRecoveryJson timeToRecovery(
      @QueryValue @Nullable String from, @QueryValue @Nullable String to) {
    return recovery.timeToRecovery(window(from, to), clock.instant());
  }

  @Get("/calibration")
  CalibrationJson calibration(@QueryValue @Nullable String from, @QueryValue @Nullable String to) {
    return calibration.calibration(window(from, to));
  }

  private MetricsWindow window(@Nullable String from, @Nullable String to) {
    return MetricsWindow.parse(from, to, clock.instant());
  }
}
