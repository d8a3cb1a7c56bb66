/**
 * Claiming due work, the one mechanism for every kind of work that comes due at a time (retries
 * now, event deliveries next): each instance runs a {@link
 * dev.smartretry.service.scheduler.DueWorkLoop} per kind of {@link
 * dev.smartretry.service.scheduler.DueWork}, which claims due items in small batches with {@code
 * FOR UPDATE SKIP LOCKED} and a lease (owner, expiry), so instances never take the same item and an
 * item whose instance died is taken over once its lease runs out. The loop sleeps until the next
 * item is due (at most a poll interval, for work other instances create) and wakes at once when
 * this instance creates work due sooner.
 */
package dev.smartretry.service.scheduler;
