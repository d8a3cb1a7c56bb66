package dev.smartretry.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Worlds that differ from the defaults by a JSON override, loaded the way the CLI loads them. */
final class Overrides {
  private Overrides() {}

  static WorldConfig load(String json) {
    try {
      Path file = Files.createTempFile("world-", ".json");
      try {
        Files.writeString(file, json);
        return WorldConfig.load(file);
      } finally {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
