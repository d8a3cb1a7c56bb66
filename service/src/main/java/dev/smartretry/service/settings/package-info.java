/**
 * How the service's settings are read: as the text of the environment variable (or property), and
 * parsed here, so that a value that is not what its setting takes stops the start with an error
 * naming the variable. Micronaut itself takes a value it cannot convert for a nullable setting as
 * absent: {@code SMART_RETRY_SCHEDULER_LEASE=abc} would run with the default lease.
 */
package dev.smartretry.service.settings;
