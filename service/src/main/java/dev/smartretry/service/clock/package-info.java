/**
 * The one source of "now" in the service: a {@link dev.smartretry.service.clock.ServiceClock}, the
 * real UTC clock unless a simulation clock is configured ({@code SMART_RETRY_CLOCK_SPEED}, {@code
 * SMART_RETRY_CLOCK_START}), which lets a 14-day retry plan play out in minutes. Every component
 * reads the injected clock, so tests set the time rather than wait for it.
 */
package dev.smartretry.service.clock;
