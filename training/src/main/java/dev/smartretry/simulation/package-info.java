/**
 * Plays retry strategies in the generator's world: a learned planner, fixed schedules and an oracle
 * that knows the world's hidden truth, on the same invoices and the same random draws, so their
 * recovery can be compared without the noise of different luck.
 */
package dev.smartretry.simulation;
