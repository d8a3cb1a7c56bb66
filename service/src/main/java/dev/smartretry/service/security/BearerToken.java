package dev.smartretry.service.security;

import io.micronaut.http.HttpRequest;
import java.util.Optional;

/** The credentials of {@code Authorization: Bearer <token>}; the scheme is case-insensitive. */
final class BearerToken {
  private static final String SCHEME = "Bearer";

  private BearerToken() {}

  static Optional<String> of(HttpRequest<?> request) {
    return request
        .getHeaders()
        .getAuthorization()
        .map(String::strip)
        .filter(value -> value.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1))
        .map(value -> value.substring(SCHEME.length() + 1).strip())
        .filter(token -> !token.isEmpty());
  }
}
