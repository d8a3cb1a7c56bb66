package dev.smartretry.service.events;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A row of {@code plan_events}: an event as it is sent.
 *
 * @param id the {@code webhook-id}, {@code evt_...}
 * @param body the JSON body, as signed
 */
@MappedEntity("plan_events")
record PlanEventRow(
    @Id String id, long planId, int sequence, String type, String body, Instant createdAt) {}
