/**
 * What the service's tests share: {@link dev.smartretry.service.testing.TestDatabase}, a real
 * PostgreSQL database for the run, and {@link dev.smartretry.service.testing.UsesTestDatabase},
 * which points a {@code @MicronautTest} at it.
 */
package dev.smartretry.service.testing;
