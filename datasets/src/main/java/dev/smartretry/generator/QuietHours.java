package dev.smartretry.generator;

import dev.smartretry.history.DeclineCode;
import java.time.Instant;
import java.time.ZoneId;

/**
 * One issuer's window of local hours in which it declines every charge.
 *
 * @param fromHour local hour the window opens
 * @param hours how long it stays open; it may run past midnight
 * @param code what the issuer reports inside it
 */
record QuietHours(int fromHour, int hours, DeclineCode code) {
  boolean covers(Instant at, ZoneId zone) {
    int hour = at.atZone(zone).getHour();
    return Math.floorMod(hour - fromHour, 24) < hours;
  }
}
