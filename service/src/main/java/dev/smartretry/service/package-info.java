/**
 * The Smart Retry service: the HTTP API of {@code docs/http-api.md}, run by Micronaut on
 * PostgreSQL. Sub-packages: {@code database} (where the data lives: a configured PostgreSQL or an
 * embedded one).
 *
 * <p>The schema comes only from the Flyway migrations in {@code db/migration}; {@code /health} is
 * Micronaut's management endpoint, configured in {@code application.yml}.
 */
package dev.smartretry.service;
