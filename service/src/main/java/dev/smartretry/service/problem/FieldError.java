package dev.smartretry.service.problem;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What is wrong with one field of the request.
 *
 * @param field the field's JSON path in the request's snake_case names, e.g. {@code
 *     attempts[0].attempted_at}, {@code schedule[2]} or {@code [1].policy} in a list body
 * @param message what is wrong, for a person to read
 */
@Serdeable
public record FieldError(String field, String message) {}
