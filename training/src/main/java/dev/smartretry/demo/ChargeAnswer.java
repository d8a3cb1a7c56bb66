package dev.smartretry.demo;

/**
 * What a charge call gets: an outcome, and whether it is the stored outcome of a retry charged by
 * an earlier call with the same idempotency key (nothing was charged this time).
 */
public record ChargeAnswer(ChargeOutcome outcome, boolean repeated) {}
