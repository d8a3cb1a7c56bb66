package dev.smartretry.service.problem;

import dev.smartretry.service.requests.RequestId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * The one place an error becomes a response body. Micronaut hands every error it answers itself (no
 * route, wrong method, unreadable body, too large, unexpected exception) to its {@link
 * ErrorResponseProcessor}; this one replaces the default, and {@link ServiceProblemHandler} sends
 * the service's own {@link ServiceProblem}s here too.
 *
 * <p>The detail is chosen here from the status and the cause's type, never copied from an
 * exception's message: those name classes, SQL or the parser's internals.
 */
@Singleton
final class ProblemResponses implements ErrorResponseProcessor<ProblemDetails> {
  private static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");

  private final UnreadableRequests unreadableRequests;
  private final long maxRequestSize;
  private final long maxBufferSize;

  ProblemResponses(UnreadableRequests unreadableRequests, HttpServerConfiguration server) {
    this.unreadableRequests = unreadableRequests;
    this.maxRequestSize = server.getMaxRequestSize();
    this.maxBufferSize = server.getMaxRequestBufferSize();
  }

  @Override
  public MutableHttpResponse<ProblemDetails> processResponse(
      ErrorContext context, MutableHttpResponse<?> response) {
    int status = response.code();
    if (status == HttpStatus.UNAUTHORIZED.getCode()) {
      // RFC 9110: a 401 names the scheme that would have worked.
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    Explanation explanation = explain(status, context.getRootCause().orElse(null));
    ProblemDetails problem =
        ProblemDetails.of(
            status,
            HttpStatus.getDefaultReason(status),
            explanation.detail(),
            explanation.errors(),
            RequestId.of(context.getRequest()).map(RequestId::value).orElse(null));
    if (context.getRequest().getMethod() == HttpMethod.HEAD) {
      return response.contentType(PROBLEM_JSON).body(null);
    }
    return response.contentType(PROBLEM_JSON).body(problem);
  }

  private Explanation explain(int status, @Nullable Throwable cause) {
    if (cause instanceof ServiceProblem problem) {
      return new Explanation(problem.detail(), problem.errors());
    }
    if (status >= 500) {
      // Micronaut has logged the cause; the client learns nothing of it.
      return Explanation.of("The service failed to handle the request; the failure is logged.");
    }
    return switch (status) {
      case 400 -> unreadableRequests.explain(cause);
      case 404 -> Explanation.of("There is no endpoint at this path.");
      case 405 -> Explanation.of("This endpoint does not accept the request's method; see Allow.");
      case 406 -> Explanation.of("The service answers in JSON only.");
      case 413 ->
          Explanation.of(
              "The request body is larger than allowed: a JSON body may have up to "
                  + maxBufferSize
                  + " bytes, a model archive up to "
                  + maxRequestSize
                  + ".");
      case 415 ->
          Explanation.of(
              "Send the request body as application/json (a model archive as"
                  + " application/gzip).");
      default -> Explanation.of(null);
    };
  }
}
