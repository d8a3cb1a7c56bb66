/**
 * The one feature pipeline, used by training and serving alike so that a model sees the same
 * features in both: a {@link dev.smartretry.features.DecisionContext} (what is known when a retry
 * is decided) plus a candidate retry time give a named feature vector.
 *
 * <p>What a context may hold is the leakage rule of the attempts spec: the invoice, customer and
 * card fields, the earlier attempts with their decline codes, and the signals as last observed
 * before the decision (the previous attempt's {@code devices_24h}). The candidate time gives the
 * time features. {@link dev.smartretry.features.DecisionContext#beforeAttempt} is the only way
 * history rows become contexts, so a row's own outcome, decline code and devices cannot reach its
 * features.
 */
package dev.smartretry.features;
