package dev.smartretry.service.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code type} is always {@code about:blank}: the status says what
 * kind of problem it is, so {@code title} is the status's phrase and {@code detail} the specifics.
 *
 * @param errors one entry per offending field; absent unless the input was invalid
 * @param requestId the request's id, as in its {@code X-Request-Id} header and the log lines about
 *     it, so that a client quoting a problem points at those lines
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record ProblemDetails(
    String type,
    String title,
    int status,
    @Nullable String detail,
    List<FieldError> errors,
    @Nullable String requestId) {
  static ProblemDetails of(
      int status,
      String title,
      @Nullable String detail,
      List<FieldError> errors,
      @Nullable String requestId) {
    return new ProblemDetails("about:blank", title, status, detail, List.copyOf(errors), requestId);
  }
}
