package dev.smartretry.generator;

import dev.smartretry.history.DeclineCode;

/**
 * An issuing bank.
 *
 * @param id opaque id as a billing system would derive it from the BIN, e.g. {@code iss_FR_007}
 * @param masksFunds whether it reports insufficient funds as {@link #maskedCode()}
 * @param maskedCode what it reports instead, when it masks
 * @param holdMedianHours the median duration of its risk holds
 */
record Issuer(String id, boolean masksFunds, DeclineCode maskedCode, double holdMedianHours) {}
