package dev.smartretry.service.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.annotation.Body;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Explains a 400 that Micronaut raised while reading the request, before any of the service's code
 * ran: JSON that does not parse or exceeds the parser's limits, a value of the wrong type, an
 * unknown field, a missing body or parameter.
 */
@Singleton
final class UnreadableRequests {
  private final JsonPaths jsonPaths;

  UnreadableRequests(JsonPaths jsonPaths) {
    this.jsonPaths = jsonPaths;
  }

  Explanation explain(@Nullable Throwable cause) {
    if (causeOfType(cause, StreamConstraintsException.class).isPresent()) {
      return Explanation.of(
          "The JSON body is nested too deeply or holds a number or string too long to read.");
    }
    if (cause instanceof JsonSyntaxException syntax) {
      return Explanation.of("The body is not valid JSON" + location(syntax) + ".");
    }
    if (cause instanceof ConversionErrorException conversion) {
      return explain(conversion);
    }
    if (cause instanceof UnsatisfiedRouteException missing) {
      return missing(missing.getArgument());
    }
    if (cause instanceof UnsatisfiedArgumentException missing) {
      return missing(missing.getArgument());
    }
    return Explanation.of("The request could not be read.");
  }

  private Explanation explain(ConversionErrorException conversion) {
    Argument<?> argument = conversion.getArgument();
    if (!isBody(argument)) {
      return Explanation.ofField(
          ServiceProblem.INVALID_FIELDS, parameterName(argument), ValueKinds.expectation(argument));
    }
    Optional<SerdeException> serde = causeOfType(conversion, SerdeException.class);
    if (serde.isEmpty() || serde.get().getPath().isEmpty()) {
      return Explanation.of("The request body must be " + ValueKinds.describe(argument) + ".");
    }
    return new Explanation(
        ServiceProblem.INVALID_FIELDS, List.of(jsonPaths.fieldError(serde.get())));
  }

  private static Explanation missing(Argument<?> argument) {
    if (isBody(argument)) {
      return Explanation.of("The request needs a JSON body.");
    }
    return Explanation.ofField(
        ServiceProblem.INVALID_FIELDS, parameterName(argument), "is required");
  }

  private static boolean isBody(Argument<?> argument) {
    return argument.getAnnotationMetadata().hasAnnotation(Body.class);
  }

  /** The name the client used: a parameter's binding name, e.g. {@code @QueryValue("group_by")}. */
  private static String parameterName(Argument<?> argument) {
    return argument.getAnnotationMetadata().stringValue(Bindable.class).orElse(argument.getName());
  }

  private static String location(JsonSyntaxException syntax) {
    return causeOfType(syntax, JsonProcessingException.class)
        .map(JsonProcessingException::getLocation)
        .filter(location -> location != JsonLocation.NA && location.getLineNr() > 0)
        .map(l -> " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")")
        .orElse("");
  }

  private static <T extends Throwable> Optional<T> causeOfType(
      @Nullable Throwable throwable, Class<T> type) {
    for (Throwable t = throwable; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }
}
