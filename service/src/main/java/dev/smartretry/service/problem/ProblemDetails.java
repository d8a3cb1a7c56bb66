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
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record ProblemDetails(
    String type, String title, int status, @Nullable String detail, List<FieldError> errors) {
  static ProblemDetails of(
      int status, String title, @Nullable String detail, List<FieldError> errors) {
    return new ProblemDetails("about:blank", title, status, detail, List.copyOf(errors));
  }
}
