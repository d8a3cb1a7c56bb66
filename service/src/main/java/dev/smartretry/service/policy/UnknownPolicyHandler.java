package dev.smartretry.service.policy;

import dev.smartretry.service.problem.FieldError;
import dev.smartretry.service.problem.ServiceProblem;
import dev.smartretry.service.problem.ServiceProblemHandler;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * A request whose policy does not exist: the request's fault (400 on {@code policy}) when it named
 * one, the configuration's (409) when the routing rules chose it.
 */
@Singleton
final class UnknownPolicyHandler
    implements ExceptionHandler<UnknownPolicyException, HttpResponse<?>> {
  private final ServiceProblemHandler problems;

  UnknownPolicyHandler(ServiceProblemHandler problems) {
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, UnknownPolicyException unknown) {
    return problems.handle(
        request,
        unknown.routed()
            ? ServiceProblem.conflict(unknown.getMessage())
            : ServiceProblem.invalid(
                List.of(new FieldError("policy", "there is no policy named " + unknown.name()))));
  }
}
