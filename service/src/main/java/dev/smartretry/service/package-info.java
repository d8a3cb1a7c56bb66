/**
 * The Smart Retry service: the HTTP API of {@code docs/http-api.md}, run by Micronaut on
 * PostgreSQL. Sub-packages, one per concept:
 *
 * <ul>
 *   <li>{@code database}: where the data lives, a configured PostgreSQL or an embedded one;
 *   <li>{@code problem}: every error as {@code application/problem+json}, and the one exception the
 *       service throws, {@link dev.smartretry.service.problem.ServiceProblem};
 *   <li>{@code security}: API keys, their roles, and which role each endpoint needs;
 *   <li>{@code json}: how request bodies are read where serde's defaults are too lenient;
 *   <li>{@code policy}: retry policies and {@code /v1/policies};
 *   <li>{@code routing}: the rules that choose a policy for an invoice, and {@code
 *       /v1/policy-rules};
 *   <li>{@code models}: the live model, the versions that can replace it, and {@code /v1/models};
 *   <li>{@code openapi}: the API's OpenAPI document, written at compile time, at {@code
 *       /openapi.yml}.
 * </ul>
 *
 * <p>The schema comes only from the Flyway migrations in {@code db/migration}; {@code /health} and
 * {@code /prometheus} are Micronaut's management endpoints, configured in {@code application.yml}.
 * Time comes from the {@link java.time.Clock} bean, so that tests can set it.
 */
package dev.smartretry.service;
