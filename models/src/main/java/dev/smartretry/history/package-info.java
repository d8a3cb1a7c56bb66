/**
 * The attempt history: the CSV format billing systems hand over for training (see {@code
 * docs/attempts-dataset.md}), its vocabulary (decline codes, card brands and fundings, billing
 * intervals), a streaming reader that enforces every rule of the format, and a writer.
 *
 * <p>An {@link dev.smartretry.history.Invoice} is one failed invoice with all its attempts, oldest
 * first; it is the unit everything downstream (inspection, features, training) works on.
 */
package dev.smartretry.history;
