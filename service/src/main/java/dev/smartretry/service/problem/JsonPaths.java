package dev.smartretry.service.problem;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.config.SerdeConfiguration;
import io.micronaut.serde.config.naming.PropertyNamingStrategy;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.CollectionItemReferencePath;
import io.micronaut.serde.exceptions.path.MapItemReferencePath;
import io.micronaut.serde.exceptions.path.PropertyReferencePath;
import io.micronaut.serde.exceptions.path.ReferencePath;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Names the field a body's deserialization failed on as the client wrote it: serde's path holds
 * Java property names ({@code attempts[0].attemptedAt}), the client sent JSON names ({@code
 * attempts[0].attempted_at}), which serde derives with the configured naming strategy.
 */
@Singleton
final class JsonPaths {
  // Serde marks an unknown field only by this message; the path then holds the name as sent.
  private static final String UNKNOWN_FIELD = "Unknown property [";
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private final PropertyNamingStrategy naming;

  JsonPaths(SerdeConfiguration serde) {
    this.naming = serde.getPropertyNamingStrategy();
  }

  FieldError fieldError(SerdeException failure) {
    // Innermost step first.
    List<ReferencePath> steps = failure.getPath();
    String message = String.valueOf(failure.getMessage());
    boolean unknownField = message.startsWith(UNKNOWN_FIELD);
    StringBuilder path = new StringBuilder();
    for (int i = steps.size() - 1; i >= 0; i--) {
      boolean sentAsIs = unknownField && i == 0;
      appendStep(path, steps.get(i), sentAsIs);
    }
    String problem =
        unknownField ? "is not a known field" : ValueKinds.expectation(valueArgument(steps.get(0)));
    return new FieldError(path.toString(), problem);
  }

  private void appendStep(StringBuilder path, ReferencePath step, boolean sentAsIs) {
    if (step instanceof PropertyReferencePath property) {
      Argument<?> argument = property.property();
      appendName(path, sentAsIs ? argument.getName() : jsonName(argument));
    } else if (step instanceof CollectionItemReferencePath item) {
      path.append('[').append(item.index()).append(']');
    } else if (step instanceof MapItemReferencePath entry) {
      appendName(path, entry.key());
    }
  }

  private static void appendName(StringBuilder path, String name) {
    if (PLAIN_KEY.matcher(name).matches()) {
      path.append(path.isEmpty() ? "" : ".").append(name);
    } else {
      path.append("[\"").append(name.replace("\"", "\\\"")).append("\"]");
    }
  }

  private String jsonName(Argument<?> property) {
    return property
        .getAnnotationMetadata()
        .stringValue(JsonProperty.class)
        .orElseGet(() -> naming.translate(property));
  }

  /** The type the value at this step should have had. */
  private static Argument<?> valueArgument(ReferencePath step) {
    if (step instanceof CollectionItemReferencePath item) {
      Argument<?> collection = item.collectionArgument();
      if (collection.getType().isArray()) {
        return Argument.of(collection.getType().getComponentType());
      }
      return collection.getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT);
    }
    if (step instanceof MapItemReferencePath entry) {
      Argument<?>[] keyAndValue = entry.mapArgument().getTypeParameters();
      return keyAndValue.length == 2 ? keyAndValue[1] : Argument.OBJECT_ARGUMENT;
    }
    return step.getArgument();
  }
}
