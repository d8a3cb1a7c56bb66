package dev.smartretry.service.plans;

import dev.smartretry.service.security.Allowed;
import dev.smartretry.service.security.Role;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code POST /v1/attempts} (docs/http-api.md, section 2b): a billing system that runs its own
 * retries reports each attempt's outcome, so that metrics and retraining see it too.
 */
@Controller("/v1/attempts")
@Allowed(Role.BILLING)
@ExecuteOn(TaskExecutors.BLOCKING)
final class AttemptReportController {
  private final AttemptReports reports;

  AttemptReportController(AttemptReports reports) {
    this.reports = reports;
  }

  /** 201 with the attempt stored; 200 with the one stored before when it is a repeat. */
  @Post
  HttpResponse<ReportedAttemptJson> report(@Body AttemptReport report) {
    AttemptReports.Stored stored = reports.report(report);
    return stored.created()
        ? HttpResponse.created(stored.attempt())
        : HttpResponse.ok(stored.attempt());
  }
}
