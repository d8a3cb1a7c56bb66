/**
 * What the service's tests share: {@link dev.smartretry.service.testing.TestDatabase}, a real
 * PostgreSQL database for the run; {@link dev.smartretry.service.testing.UsesTestDatabase}, which
 * points a {@code @MicronautTest} at it, and {@link dev.smartretry.service.testing.TestApiKeys},
 * which adds one API key per role; {@link dev.smartretry.service.testing.Api}, the HTTP API as a
 * client sees it, answering {@link dev.smartretry.service.testing.Reply}s.
 *
 * <p>The database is shared by every test class of the run, so tests use names of their own and
 * leave the routing rules empty.
 */
package dev.smartretry.service.testing;
