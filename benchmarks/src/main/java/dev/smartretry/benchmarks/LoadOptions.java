package dev.smartretry.benchmarks;

import java.util.HashMap;
import java.util.Map;

/** The load tools' command lines: {@code --option value} pairs, nothing else. */
final class LoadOptions {
  private LoadOptions() {}

  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int index = 0; index + 1 < args.length; index += 2) {
      if (!args[index].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value pairs, got " + args[index]);
      }
      options.put(args[index], args[index + 1]);
    }
    return options;
  }
}
