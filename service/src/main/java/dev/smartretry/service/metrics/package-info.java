/**
 * Recovery metrics (docs/http-api.md, section 4): cohorts of failed invoices by their first
 * failure, managed plans and reported invoices alike, counted in PostgreSQL, with settled days
 * summed once ({@code RecoveryDays}) so that long windows stay cheap; the uplift of the live
 * control group (section 8) with its statistics; and the live model's calibration on executed
 * retries. Read by {@code /v1/metrics} and the dashboard.
 */
package dev.smartretry.service.metrics;
