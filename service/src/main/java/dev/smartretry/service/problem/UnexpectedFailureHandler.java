package dev.smartretry.service.problem;

import dev.smartretry.service.database.Causes;
import dev.smartretry.service.database.DatabaseOutage;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a failure no other handler expected. One that shows the database away is a planned
 * answer, 503 with {@code Retry-After}, and {@link DatabaseOutage} logs the outage once rather than
 * a stack trace per request; text the database cannot store (a NUL character) is the client's 400;
 * anything else is a 500 whose cause is logged, as Micronaut would.
 */
@Singleton
final class UnexpectedFailureHandler
    implements ExceptionHandler<RuntimeException, HttpResponse<?>> {
  /** How long a client should wait: the service looks for the database again every second. */
  static final String RETRY_AFTER_SECONDS = "5";

  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedFailureHandler.class);

  private final ProblemResponses responses;
  private final DatabaseOutage outage;

  UnexpectedFailureHandler(ProblemResponses responses, DatabaseOutage outage) {
    this.responses = responses;
    this.outage = outage;
  }

  /** PostgreSQL's "invalid byte sequence" (22021): a text value held a NUL character. */
  private static boolean unstorableText(Throwable failure) {
    return Causes.any(
        failure, cause -> cause instanceof SQLException sql && "22021".equals(sql.getSQLState()));
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, RuntimeException failure) {
    if (outage.failed(failure)) {
      LOG.debug("{} {} met the database away", request.getMethod(), request.getPath(), failure);
      ServiceProblem problem =
          ServiceProblem.unavailable(
              "The database is unreachable and this request needs it. Try again shortly; repeating"
                  + " the request is safe.");
      return responses
          .processResponse(
              ErrorContext.builder(request).cause(problem).build(),
              HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE))
          .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
    if (unstorableText(failure)) {
      // A NUL character passes JSON and URL decoding but no PostgreSQL text column takes it;
      // whichever value held it, the request is the client's to fix.
      ServiceProblem problem =
          ServiceProblem.badRequest(
              "The request holds a NUL character (\\u0000 or %00) in a path, parameter or field;"
                  + " text cannot hold one. Nothing was stored.");
      return responses.processResponse(
          ErrorContext.builder(request).cause(problem).build(),
          HttpResponse.status(HttpStatus.BAD_REQUEST));
    }
    LOG.error("Unexpected error answering {} {}", request.getMethod(), request.getPath(), failure);
    return responses.processResponse(
        ErrorContext.builder(request).cause(failure).build(),
        HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR));
  }
}
