package dev.smartretry.service.clock;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SimulationClockAnchors extends GenericRepository<SimulationClockAnchor, String> {
  /** Anchors the simulation now, unless an instance or an earlier run already did. */
  @Query(
      "insert into simulation_clocks (id, start_at, speed, anchored_at)"
          + " values (:id, :startAt, :speed, :anchoredAt) on conflict (id) do nothing")
  void anchorUnlessAnchored(String id, Instant startAt, double speed, Instant anchoredAt);

  Optional<SimulationClockAnchor> findById(String id);
}
