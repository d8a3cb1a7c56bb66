package dev.smartretry.service.problem;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/** What a problem document says beyond its status: the detail and the offending fields. */
record Explanation(@Nullable String detail, List<FieldError> errors) {
  Explanation {
    errors = List.copyOf(errors);
  }

  static Explanation of(@Nullable String detail) {
    return new Explanation(detail, List.of());
  }

  static Explanation ofField(String detail, String field, String message) {
    return new Explanation(detail, List.of(new FieldError(field, message)));
  }
}
