package dev.smartretry.service.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured API keys, kept only as SHA-256 digests. Created at start-up ({@link Context}) so
 * that a malformed configuration stops the service before it answers anything; the error names the
 * entry's position, never its text, which may be a key.
 */
@Context
final class ApiKeys {
  private static final String SETTING = "smart-retry.api-keys (SMART_RETRY_API_KEYS)";
  private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);

  private final List<Key> keys;

  ApiKeys(ApiKeysConfiguration configuration) {
    this.keys = parse(configuration.apiKeys());
    if (keys.isEmpty()) {
      LOG.warn("No API keys are configured in {}: every /v1 request is refused with 401", SETTING);
    } else {
      LOG.info("API keys configured per role: {}", countPerRole(keys));
    }
  }

  /** The role of the presented key, if it is one of the configured keys. */
  Optional<Role> roleOf(String presentedKey) {
    byte[] presented = sha256(presentedKey);
    Role match = null;
    // Every key is compared, and each comparison takes the same time, so the time taken tells
    // neither whether nor which key matched.
    for (Key key : keys) {
      if (MessageDigest.isEqual(presented, key.digest())) {
        match = key.role();
      }
    }
    return Optional.ofNullable(match);
  }

  private static List<Key> parse(@Nullable String configured) {
    if (configured == null || configured.isBlank()) {
      return List.of();
    }
    String[] entries = configured.split(",", -1);
    List<Key> keys = new ArrayList<>();
    for (int i = 0; i < entries.length; i++) {
      Key key = parseEntry(entries[i].strip(), i + 1, entries.length);
      for (int j = 0; j < keys.size(); j++) {
        if (MessageDigest.isEqual(keys.get(j).digest(), key.digest())) {
          throw invalid(i + 1, entries.length, "repeats the key of entry " + (j + 1));
        }
      }
      keys.add(key);
    }
    return List.copyOf(keys);
  }

  private static Key parseEntry(String entry, int position, int count) {
    if (entry.isEmpty()) {
      throw invalid(position, count, "is empty");
    }
    int colon = entry.indexOf(':');
    if (colon < 0) {
      throw invalid(position, count, "has no ':' between role and key");
    }
    Role role =
        Role.fromConfigName(entry.substring(0, colon).strip())
            .orElseThrow(
                () ->
                    invalid(
                        position, count, "names an unknown role; roles are " + Role.configNames()));
    String key = entry.substring(colon + 1).strip();
    if (key.isEmpty()) {
      throw invalid(position, count, "has an empty key");
    }
    return new Key(role, sha256(key));
  }

  private static ConfigurationException invalid(int position, int count, String problem) {
    return new ConfigurationException(
        SETTING
            + " must be comma-separated role:key pairs, but entry "
            + position
            + " of "
            + count
            + " "
            + problem);
  }

  private static Map<Role, Integer> countPerRole(List<Key> keys) {
    Map<Role, Integer> counts = new EnumMap<>(Role.class);
    keys.forEach(key -> counts.merge(key.role(), 1, Integer::sum));
    return counts;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }

  private record Key(Role role, byte[] digest) {}
}
