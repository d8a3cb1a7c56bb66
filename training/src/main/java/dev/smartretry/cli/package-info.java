/**
 * The {@code smart-retry} command line: one picocli command per job, each a thin shell over the
 * library that does the work, with the same error handling and output conventions.
 */
package dev.smartretry.cli;
