package dev.smartretry.service.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What an API key may do (docs/http-api.md). */
public enum Role {
  /** Decisions and payment failures: what a billing system calls. */
  BILLING,
  /** Everything, including policies, routing rules and models. */
  ADMIN,
  /** Metrics only. */
  VIEWER;

  /** The role's name in configuration: {@code billing}, {@code admin}, {@code viewer}. */
  String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<Role> fromConfigName(String name) {
    return Arrays.stream(values()).filter(role -> role.configName().equals(name)).findFirst();
  }

  static String configNames() {
    return Arrays.stream(values()).map(Role::configName).collect(Collectors.joining(", "));
  }

  /** Whether a key of this role may use an endpoint that requires {@code required}. */
  boolean permits(Role required) {
    return this == ADMIN || this == required;
  }
}
