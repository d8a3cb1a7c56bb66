package dev.smartretry.service.openapi;

import dev.smartretry.service.problem.ServiceProblem;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * {@code GET /openapi.yml}: the OpenAPI document written at compile time. Open, like {@code
 * /health}: it describes the API, and every {@code /v1} endpoint still needs its key.
 */
@Controller
@Hidden
final class OpenApiController {
  static final String RESOURCE = "META-INF/swagger/smart-retry.yml";
  // RFC 9512's media type for YAML.
  static final String YAML = "application/yaml";

  // Read once: it is part of the build and cannot change while the service runs.
  private final Optional<byte[]> document;

  OpenApiController() {
    this.document = read();
  }

  @Get(uri = "/openapi.yml", produces = YAML)
  byte[] document() {
    return document.orElseThrow(
        () -> ServiceProblem.notFound("This build of the service has no OpenAPI document."));
  }

  private static Optional<byte[]> read() {
    try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + RESOURCE, e);
    }
  }
}
