/**
 * Recovery metrics (docs/http-api.md, section 4): the uplift of the live control group (section 8)
 * and their statistics.
 *
 * <p>{@link dev.smartretry.service.metrics.Uplift} compares the smart arm with the control arm on
 * invoices whose plan is final: each arm's recovery rate with its 95 % Wilson interval ({@link
 * dev.smartretry.service.metrics.WilsonScoreInterval}), the difference with Newcombe's interval
 * ({@link dev.smartretry.service.metrics.NewcombeDifferenceInterval}), the two-proportion z-test
 * ({@link dev.smartretry.service.metrics.TwoProportionZTest}) and the status the spec names. They
 * are pure functions of four counts: no database, no clock.
 */
package dev.smartretry.service.metrics;
