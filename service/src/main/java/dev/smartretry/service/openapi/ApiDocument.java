package dev.smartretry.service.openapi;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * What the OpenAPI document says of the API as a whole; micronaut-openapi writes the rest from the
 * controllers at compile time. Nothing uses this class: it only carries the annotations.
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Smart Retry",
            version = "1",
            description =
                "Smart retries for failed recurring card payments; the contract is"
                    + " docs/http-api.md. Errors are application/problem+json (RFC 9457)."
                    + " Every answer carries X-Request-Id (the request's own when it is a token"
                    + " of at most 64 characters of A-Z a-z 0-9 . _ -), which an error's problem"
                    + " document repeats as request_id."),
    security = @SecurityRequirement(name = ApiDocument.API_KEY))
@SecurityScheme(
    name = ApiDocument.API_KEY,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "An API key, Authorization: Bearer <key>; its role decides what it may call.")
final class ApiDocument {
  static final String API_KEY = "api_key";

  private ApiDocument() {}
}
