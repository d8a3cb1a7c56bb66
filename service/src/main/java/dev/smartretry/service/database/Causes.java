package dev.smartretry.service.database;

import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A failure's chain of causes, itself first: where the reason for an answer is found (a lost
 * connection, a NUL character, a JSON limit), however deep the frameworks wrapped it. A cause met
 * twice ends the chain, so that a cycle cannot loop.
 */
public final class Causes {
  private Causes() {}

  /** {@code failure} and each of its causes, outermost first; empty for null. */
  public static List<Throwable> of(@Nullable Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
      chain.add(cause);
    }
    return chain;
  }

  /** Whether {@code failure} or one of its causes is what {@code test} looks for. */
  public static boolean any(@Nullable Throwable failure, Predicate<Throwable> test) {
    return of(failure).stream().anyMatch(test);
  }

  /** The outermost of {@code failure} and its causes that is a {@code type}. */
  public static <T extends Throwable> Optional<T> ofType(
      @Nullable Throwable failure, Class<T> type) {
    return of(failure).stream().filter(type::isInstance).map(type::cast).findFirst();
  }
}
