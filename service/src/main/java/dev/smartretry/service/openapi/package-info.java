/**
 * The API's OpenAPI document, served at {@code GET /openapi.yml}. micronaut-openapi writes it at
 * compile time into {@code META-INF/swagger/smart-retry.yml} from the controllers, their Javadoc
 * and {@code ApiDocument}'s annotations, with the snake_case names the API uses; docs/http-api.md
 * remains the contract.
 */
package dev.smartretry.service.openapi;
