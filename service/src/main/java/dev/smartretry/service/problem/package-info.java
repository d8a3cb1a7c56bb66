/**
 * How the service says no: every error, its own and Micronaut's, leaves as {@code
 * application/problem+json} (RFC 9457) with {@code type}, {@code title}, {@code status}, {@code
 * detail} and, for invalid input, one {@code errors} entry per offending field, named by its JSON
 * path ({@code attempts[0].attempted_at}), and the request's id as {@code request_id}.
 *
 * <p>The service's code throws one exception type, {@link
 * dev.smartretry.service.problem.ServiceProblem}; {@code ProblemResponses} is the one place that
 * turns it, and everything Micronaut reports (malformed JSON, wrong types, unknown fields, 404,
 * 405, 413, 415, unexpected failures), into a problem document. Nothing internal (messages of
 * unexpected exceptions, class names, stack traces) reaches the client.
 */
package dev.smartretry.service.problem;
