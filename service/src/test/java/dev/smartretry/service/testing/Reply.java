package dev.smartretry.service.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** One answer of the service: status, headers and body, readable as JSON. */
public record Reply(int status, HttpHeaders headers, String body, JsonMapper json) {
  public String contentType() {
    return headers.get(HttpHeaders.CONTENT_TYPE);
  }

  public Map<String, Object> object() {
    return read(Argument.mapOf(String.class, Object.class));
  }

  public List<Object> array() {
    return read(Argument.listOf(Object.class));
  }

  /** The {@code field} of each entry of a problem's {@code errors}, in order. */
  public List<String> errorFields() {
    return errors().stream().map(error -> error.get("field")).toList();
  }

  @SuppressWarnings("unchecked")
  public List<Map<String, String>> errors() {
    return (List<Map<String, String>>) object().getOrDefault("errors", List.of());
  }

  private <T> T read(Argument<T> type) {
    try {
      return json.readValue(body, type);
    } catch (IOException e) {
      throw new UncheckedIOException("Not the JSON expected: " + body, e);
    }
  }

  @Override
  public String toString() {
    return status + " " + body;
  }
}
