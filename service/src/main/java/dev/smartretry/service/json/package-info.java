/**
 * How the service reads JSON beyond serde's defaults: whole numbers strictly. Serde would read
 * {@code 49.99} into a {@code long} as 49, and {@code "8"} or {@code [8]} as 8; an amount or a
 * retry count silently changed is worse than a 400, so only a JSON number without a fraction is
 * read.
 */
package dev.smartretry.service.json;
