package dev.smartretry.features;

/**
 * The features of a decision that do not depend on the candidate time, computed once per decision.
 * The arrays are owned by this object: callers must not change them.
 */
public record ContextFeatures(DecisionContext decision, String[] names, double[] values) {}
