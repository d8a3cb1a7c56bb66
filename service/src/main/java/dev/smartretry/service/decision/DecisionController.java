package dev.smartretry.service.decision;

import dev.smartretry.service.problem.FieldError;
import dev.smartretry.service.problem.ServiceProblem;
import dev.smartretry.service.security.Allowed;
import dev.smartretry.service.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.util.List;

/** {@code POST /v1/retry-decisions}: billing systems ask when to retry a failed invoice. */
@Controller("/v1/retry-decisions")
@Allowed(Role.BILLING)
final class DecisionController {
  private final DecisionRequestReader reader;
  private final RetryDecider decider;
  private final Clock clock;

  DecisionController(DecisionRequestReader reader, RetryDecider decider, Clock clock) {
    this.reader = reader;
    this.decider = decider;
    this.clock = clock;
  }

  // Deciding may read policies from the database: off the event loop.
  @Post
  @ExecuteOn(TaskExecutors.BLOCKING)
  DecisionResponse decide(@Body DecisionRequest request, @QueryValue @Nullable String explain) {
    boolean explained = explained(explain);
    return DecisionResponse.of(
        decider.decide(reader.forDecision(request, clock.instant()), explained), explained);
  }

  /** {@code true} or {@code false}; a typo is an error, not a silent {@code false}. */
  private static boolean explained(@Nullable String explain) {
    if (explain == null || explain.equals("false")) {
      return false;
    }
    if (explain.equals("true")) {
      return true;
    }
    throw ServiceProblem.invalid(List.of(new FieldError("explain", "must be true or false")));
  }
}
