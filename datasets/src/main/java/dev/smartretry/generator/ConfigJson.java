package dev.smartretry.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.smartretry.SmartRetryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes {@link WorldConfig} as JSON, strictly: a typo is an error, never a default.
 * Files may hold {@code //} comments, as the defaults do.
 */
final class ConfigJson {
  /** The documented defaults, a resource next to this class. */
  private static final String DEFAULTS = "world-defaults.json";

  private static final ObjectMapper MAPPER = mapper();

  private ConfigJson() {}

  private static ObjectMapper mapper() {
    ObjectMapper mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();
    // "0.5" where a number belongs is a mistake worth reporting, not a value to guess at.
    for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
      mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }
    return mapper;
  }

  static WorldConfig load(Path file) {
    JsonNode override;
    try {
      override = MAPPER.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      throw new SmartRetryException(
          file + ": not valid JSON: " + e.getOriginalMessage() + locationOf(e), e);
    } catch (IOException e) {
      throw new SmartRetryException("cannot read world config " + file + ": " + e, e);
    }
    if (override == null || !override.isObject()) {
      throw new SmartRetryException(file + ": a world config is a JSON object");
    }
    ObjectNode merged = defaultsTree();
    merge(merged, (ObjectNode) override);
    try {
      return MAPPER.treeToValue(merged, WorldConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new SmartRetryException(
          file
              + ": unknown field '"
              + path(e)
              + "'; the fields there are "
              + e.getKnownPropertyIds().stream()
                  .map(Object::toString)
                  .sorted()
                  .collect(Collectors.joining(", ")),
          e);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new SmartRetryException(file + ": " + where(e) + cause.getMessage(), e);
    } catch (JsonMappingException e) {
      throw new SmartRetryException(file + ": " + where(e) + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new SmartRetryException(file + ": " + e.getOriginalMessage(), e);
    }
  }

  static WorldConfig readDefaults() {
    try {
      return MAPPER.treeToValue(defaultsTree(), WorldConfig.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the bundled " + DEFAULTS + " is broken", e);
    }
  }

  private static ObjectNode defaultsTree() {
    try (InputStream in = ConfigJson.class.getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS + " is missing from the classpath");
      }
      return (ObjectNode) MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled " + DEFAULTS, e);
    }
  }

  static String write(WorldConfig config) {
    try {
      return MAPPER.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a world config always serializes", e);
    }
  }

  /** Objects merge field by field; other values replace; null removes (a map entry). */
  private static void merge(ObjectNode target, ObjectNode override) {
    Iterator<Map.Entry<String, JsonNode>> fields = override.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = target.get(field.getKey());
      JsonNode value = field.getValue();
      if (value.isNull()) {
        target.remove(field.getKey());
      } else if (value.isObject() && existing != null && existing.isObject()) {
        merge((ObjectNode) existing, (ObjectNode) value);
      } else {
        target.set(field.getKey(), value);
      }
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String where(JsonMappingException e) {
    String path = path(e);
    return path.isEmpty() ? "" : "at '" + path + "': ";
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }
}
