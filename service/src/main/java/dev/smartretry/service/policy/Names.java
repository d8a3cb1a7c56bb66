package dev.smartretry.service.policy;

import io.micronaut.core.annotation.Nullable;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The names of policies and routing rules: 1 to 64 characters of {@code a-z}, {@code 0-9}, {@code
 * _} and {@code -}, so that they sit in a URL path and a log line as they are.
 */
public final class Names {
  private static final int MAX_LENGTH = 64;
  private static final Pattern ALLOWED = Pattern.compile("[a-z0-9_-]+");

  private Names() {}

  /** What is wrong with {@code name}, for the client; empty if it is a valid name. */
  public static Optional<String> problemWith(@Nullable String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("is required");
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters long");
    }
    if (!ALLOWED.matcher(name).matches()) {
      return Optional.of("may only contain a-z, 0-9, _ and -");
    }
    return Optional.empty();
  }
}
