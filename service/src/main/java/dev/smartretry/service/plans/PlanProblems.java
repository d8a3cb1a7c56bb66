package dev.smartretry.service.plans;

import dev.smartretry.service.problem.ServiceProblem;
import dev.smartretry.service.problem.ServiceProblemHandler;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** The managed flow's refusals as problem documents: 404, 409 and 503. */
@Singleton
final class PlanProblems implements ExceptionHandler<PlanException, HttpResponse<?>> {
  private final ServiceProblemHandler problems;

  PlanProblems(ServiceProblemHandler problems) {
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, PlanException refusal) {
    ServiceProblem problem;
    if (refusal instanceof PlanException.NotFound) {
      problem = ServiceProblem.notFound(refusal.getMessage());
    } else if (refusal instanceof PlanException.Conflict) {
      problem = ServiceProblem.conflict(refusal.getMessage());
    } else {
      problem = ServiceProblem.unavailable(refusal.getMessage());
    }
    return problems.handle(request, problem);
  }
}
