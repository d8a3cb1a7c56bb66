package dev.smartretry.history;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * How one kind of value is written, for a history file and an API request alike: its parser and
 * what a person should write instead of a value it refuses. Thread-safe.
 *
 * @param <T> the value read
 */
public final class ValueRule<T> {
  private final String expectation;
  private final Function<String, Optional<T>> parser;
  // Only accepted spellings are kept, so the cache is bounded by the vocabulary, whatever is sent.
  private final Map<String, T> accepted = new ConcurrentHashMap<>();

  ValueRule(String expectation, Function<String, Optional<T>> parser) {
    this.expectation = Objects.requireNonNull(expectation, "expectation");
    this.parser = Objects.requireNonNull(parser, "parser");
  }

  /** The value {@code text} spells, or empty when this rule refuses it; never guessed. */
  public Optional<T> parse(String text) {
    T known = accepted.get(text);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<T> parsed = parser.apply(text);
    parsed.ifPresent(value -> accepted.put(text, value));
    return parsed;
  }

  /**
   * What an accepted value looks like, e.g. {@code an IANA time zone name, such as Europe/Paris}.
   */
  public String expectation() {
    return expectation;
  }
}
