package dev.smartretry.service.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import jakarta.inject.Singleton;

/**
 * Answers a {@link ServiceProblem} with its status; the body is {@link ProblemResponses}' to write,
 * as for every other error. The handlers that turn a domain's own exceptions into answers at the
 * HTTP edge hand their {@link ServiceProblem} here too.
 */
@Singleton
public final class ServiceProblemHandler
    implements ExceptionHandler<ServiceProblem, HttpResponse<?>> {
  private final ProblemResponses responses;

  ServiceProblemHandler(ProblemResponses responses) {
    this.responses = responses;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, ServiceProblem problem) {
    return responses.processResponse(
        ErrorContext.builder(request).cause(problem).build(),
        HttpResponse.status(problem.status()));
  }
}
