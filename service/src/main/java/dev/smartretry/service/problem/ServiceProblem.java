package dev.smartretry.service.problem;

import io.micronaut.http.HttpStatus;
import java.util.List;
import java.util.Objects;

/**
 * The one exception the service's code throws to answer a request with an error; {@code
 * ProblemResponses} turns it into the problem document. The status's standard phrase is the title,
 * so {@code detail} says what went wrong with this request.
 *
 * <p>It carries no stack trace: it is a planned answer, not a failure to investigate.
 */
public final class ServiceProblem extends RuntimeException {
  static final String INVALID_FIELDS = "The request has invalid fields; see errors.";

  private final HttpStatus status;
  private final List<FieldError> errors;

  private ServiceProblem(HttpStatus status, String detail, List<FieldError> errors) {
    super(Objects.requireNonNull(detail, "detail"), null, false, false);
    this.status = Objects.requireNonNull(status, "status");
    this.errors = List.copyOf(errors);
  }

  /** 400 with one entry per offending field. */
  public static ServiceProblem invalid(List<FieldError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an invalid request names at least one field");
    }
    return new ServiceProblem(HttpStatus.BAD_REQUEST, INVALID_FIELDS, errors);
  }

  /** 400 for a body that is wrong as a whole rather than in named fields, e.g. an upload. */
  public static ServiceProblem badRequest(String detail) {
    return new ServiceProblem(HttpStatus.BAD_REQUEST, detail, List.of());
  }

  /** 413: the body is larger than this endpoint takes. */
  public static ServiceProblem tooLarge(String detail) {
    return new ServiceProblem(HttpStatus.REQUEST_ENTITY_TOO_LARGE, detail, List.of());
  }

  /** 401: no key, or one the service does not know; which of the two is not said. */
  public static ServiceProblem unauthorized() {
    return new ServiceProblem(
        HttpStatus.UNAUTHORIZED,
        "This endpoint needs a valid API key in the header Authorization: Bearer <key>.",
        List.of());
  }

  /** 403: a valid key whose role may not use the endpoint. */
  public static ServiceProblem forbidden() {
    return new ServiceProblem(
        HttpStatus.FORBIDDEN, "The API key's role may not use this endpoint.", List.of());
  }

  public static ServiceProblem notFound(String detail) {
    return new ServiceProblem(HttpStatus.NOT_FOUND, detail, List.of());
  }

  /** 409: the request is valid but the current state forbids it. */
  public static ServiceProblem conflict(String detail) {
    return new ServiceProblem(HttpStatus.CONFLICT, detail, List.of());
  }

  /** 503: the service cannot do this as configured, or not right now. */
  public static ServiceProblem unavailable(String detail) {
    return new ServiceProblem(HttpStatus.SERVICE_UNAVAILABLE, detail, List.of());
  }

  public HttpStatus status() {
    return status;
  }

  public String detail() {
    return getMessage();
  }

  public List<FieldError> errors() {
    return errors;
  }
}
