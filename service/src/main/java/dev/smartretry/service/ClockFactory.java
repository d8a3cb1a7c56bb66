package dev.smartretry.service;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one source of "now" in the service, so that tests can set the time. */
@Factory
final class ClockFactory {
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
