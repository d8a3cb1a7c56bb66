/**
 * A data scientist's first look at an attempts file: what it holds, how often retries succeed by
 * decline code, retry number and local hour, and what the reader rejected.
 */
package dev.smartretry.inspect;
