package dev.smartretry.service.clock;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's clock: real time, or a simulation clock anchored in the database. A clock given to
 * the context at its start (a test's settable clock) takes the place of both.
 */
@Factory
final class ClockFactory {
  private static final Logger LOG = LoggerFactory.getLogger(ClockFactory.class);

  @Singleton
  @Requires(missingBeans = Clock.class)
  ServiceClock clock(ClockSettings settings, SimulationClockAnchors anchors) {
    var simulation = settings.simulation();
    if (simulation.isEmpty()) {
      return new RealClock();
    }
    Clock real = Clock.systemUTC();
    String id = SimulationClockAnchor.idOf(simulation.get());
    anchors.anchorUnlessAnchored(
        id, simulation.get().start(), simulation.get().speed(), real.instant());
    Instant anchoredAt =
        anchors
            .findById(id)
            .orElseThrow(() -> new IllegalStateException("the simulation clock was not anchored"))
            .anchoredAt();
    SimulationClock clock =
        new SimulationClock(simulation.get().start(), simulation.get().speed(), anchoredAt, real);
    LOG.warn(
        "Time is {}: it reads {} now. For demos and simulations only; instances on this"
            + " database with the same start and speed share it, restarts included",
        clock,
        clock.instant());
    return clock;
  }
}
