package dev.smartretry.service.clock;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * When a simulation clock of this start and speed began: the real instant at which it read {@code
 * startAt}. Kept in the database so that instances sharing it, and restarts, tell the same time.
 *
 * @param id {@code <start>@<speed>}: one anchor per simulation
 */
@MappedEntity("simulation_clocks")
record SimulationClockAnchor(@Id String id, Instant startAt, double speed, Instant anchoredAt) {
  static String idOf(ClockSettings.Simulation simulation) {
    return simulation.start() + "@" + simulation.speed();
  }
}
