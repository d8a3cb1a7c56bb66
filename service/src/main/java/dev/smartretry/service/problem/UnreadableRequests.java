package dev.smartretry.service.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.smartretry.service.database.Causes;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains a 400 that Micronaut raised while reading the request, before any of the service's code
 * ran: JSON that does not parse or exceeds the parser's limits, a value of the wrong type, an
 * unknown field, a missing body or parameter.
 */
@Singleton
final class UnreadableRequests {
  private static final Pattern MAXIMUM = Pattern.compile("maximum (?:allowed )?\\((\\d+)");

  private final JsonPaths jsonPaths;

  UnreadableRequests(JsonPaths jsonPaths) {
    this.jsonPaths = jsonPaths;
  }

  Explanation explain(@Nullable Throwable cause) {
    Optional<StreamConstraintsException> limit =
        Causes.ofType(cause, StreamConstraintsException.class);
    if (limit.isPresent()) {
      return Explanation.of(exceeded(limit.get()));
    }
    Optional<JsonProcessingException> encoding =
        Causes.ofType(cause, JsonProcessingException.class)
            .filter(
                failure ->
                    String.valueOf(failure.getOriginalMessage()).startsWith("Invalid UTF-8"));
    if (encoding.isPresent()) {
      // Read on, the bytes would be blamed on the field they fell in, as a value of the wrong kind.
      return Explanation.of("The body is not valid UTF-8" + location(encoding.get()) + ".");
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
    Optional<SerdeException> serde = Causes.ofType(conversion, SerdeException.class);
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

  /** Which of the reader's limits the body broke, with the limit: Jackson's message names both. */
  private static String exceeded(StreamConstraintsException limit) {
    String message = String.valueOf(limit.getOriginalMessage());
    Matcher allowed = MAXIMUM.matcher(message);
    String maximum = allowed.find() ? allowed.group(1) : null;
    if (message.contains("nesting depth")) {
      return maximum == null
          ? "The JSON body is nested too deeply."
          : "The JSON body is nested deeper than the " + maximum + " levels allowed.";
    }
    if (message.startsWith("Number value length")) {
      return "The JSON body holds a number longer than " + maximum + " digits.";
    }
    if (message.startsWith("String value length")) {
      return "The JSON body holds a string longer than " + maximum + " characters.";
    }
    return "The JSON body is larger than the reader allows.";
  }

  private static String location(JsonSyntaxException syntax) {
    return Causes.ofType(syntax, JsonProcessingException.class)
        .map(UnreadableRequests::location)
        .orElse("");
  }

  private static String location(JsonProcessingException failure) {
    return Optional.of(failure)
        .map(JsonProcessingException::getLocation)
        .filter(location -> location != JsonLocation.NA && location.getLineNr() > 0)
        .map(l -> " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")")
        .orElse("");
  }
}
