package dev.smartretry.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.smartretry.history.Attempt;
import dev.smartretry.history.BillingInterval;
import dev.smartretry.history.Card;
import dev.smartretry.history.CardBrand;
import dev.smartretry.history.CardFunding;
import dev.smartretry.history.DeclineCode;
import dev.smartretry.history.Invoice;
import dev.smartretry.history.Outcome;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeatureExtractorTest {
  private final FeatureExtractor extractor = new FeatureExtractor();

  private static Attempt failed(int number, String at, DeclineCode code, int devices) {
    return new Attempt(number, Instant.parse(at), Outcome.FAILED, code, OptionalInt.of(devices));
  }

  private static Invoice invoice(String zone, List<Attempt> attempts) {
    return new Invoice(
        "in_1",
        "cus_1",
        4900,
        "EUR",
        BillingInterval.MONTH,
        ZoneId.of(zone),
        OptionalInt.of(400),
        new Card(CardBrand.VISA, CardFunding.DEBIT, "FR", Optional.of("iss_1")),
        attempts);
  }

  private static List<Attempt> withThird(Attempt third) {
    return List.of(
        failed(1, "2026-03-01T10:00:00Z", DeclineCode.INSUFFICIENT_FUNDS, 1),
        failed(2, "2026-03-02T10:00:00Z", DeclineCode.DO_NOT_HONOR, 0),
        third);
  }

  @Test
  void aRowsOwnOutcomeCodeAndDevicesCannotReachItsFeatures() {
    Instant at = Instant.parse("2026-03-03T23:00:00Z");
    Invoice succeeded =
        invoice(
            "Europe/Paris",
            withThird(new Attempt(3, at, Outcome.SUCCEEDED, null, OptionalInt.of(7))));
    Invoice failed =
        invoice(
            "Europe/Paris",
            withThird(
                new Attempt(3, at, Outcome.FAILED, DeclineCode.STOLEN_CARD, OptionalInt.of(0))));

    FeatureVector fromSuccess = extractor.features(DecisionContext.beforeAttempt(succeeded, 2), at);
    FeatureVector fromFailure = extractor.features(DecisionContext.beforeAttempt(failed, 2), at);

    assertThat(fromSuccess).isEqualTo(fromFailure);
    // What it may use: the previous row's code and devices.
    assertThat(fromSuccess.value("previous_code=do_not_honor")).isEqualTo(1);
    assertThat(fromSuccess.value("first_code=insufficient_funds")).isEqualTo(1);
    assertThat(fromSuccess.value("devices_24h")).isZero();
    assertThat(fromSuccess.value("retry_number")).isEqualTo(2);
  }

  @Test
  void laterRowsCannotReachEarlierDecisions() {
    Instant at = Instant.parse("2026-03-02T10:00:00Z");
    Invoice shortHistory =
        invoice(
            "Europe/Paris",
            List.of(
                failed(1, "2026-03-01T10:00:00Z", DeclineCode.INSUFFICIENT_FUNDS, 1),
                failed(2, "2026-03-02T10:00:00Z", DeclineCode.DO_NOT_HONOR, 0)));
    Invoice longHistory =
        invoice(
            "Europe/Paris",
            withThird(failed(3, "2026-03-05T10:00:00Z", DeclineCode.EXPIRED_CARD, 4)));

    assertThat(extractor.features(DecisionContext.beforeAttempt(shortHistory, 1), at))
        .isEqualTo(extractor.features(DecisionContext.beforeAttempt(longHistory, 1), at));
  }

  private DecisionContext context(String zone, String firstFailure) {
    return DecisionContext.beforeAttempt(
        invoice(zone, List.of(failed(1, firstFailure, DeclineCode.INSUFFICIENT_FUNDS, 1))), 1);
  }

  @Test
  void parisSpringForwardSkipsTwoOClock() {
    DecisionContext context = context("Europe/Paris", "2026-03-28T12:00:00Z");

    // 00:30 UTC on 29 March is 01:30 CET; an hour later the clocks have jumped to CEST.
    FeatureVector before = extractor.features(context, Instant.parse("2026-03-29T00:30:00Z"));
    FeatureVector after = extractor.features(context, Instant.parse("2026-03-29T01:30:00Z"));

    assertThat(before.value("time_of_day")).isEqualTo(90 / 1440.0);
    assertThat(before.value("local_hour=01")).isEqualTo(1);
    assertThat(after.value("time_of_day")).isEqualTo(210 / 1440.0);
    assertThat(after.value("local_hour=03")).isEqualTo(1);
    assertThat(after.value("local_hour=02")).isNaN();
    // Elapsed time is real time, not wall-clock time.
    assertThat(24 * (after.value("days_since_previous") - before.value("days_since_previous")))
        .isCloseTo(1.0, within(1e-9));
    assertThat(after.value("weekday=sun")).isEqualTo(1);
  }

  @Test
  void parisFallBackRepeatsTwoOClock() {
    DecisionContext context = context("Europe/Paris", "2026-10-24T12:00:00Z");

    // 00:30 UTC on 25 October is 02:30 CEST; 01:30 UTC is 02:30 again, now CET.
    FeatureVector first = extractor.features(context, Instant.parse("2026-10-25T00:30:00Z"));
    FeatureVector second = extractor.features(context, Instant.parse("2026-10-25T01:30:00Z"));

    assertThat(first.value("time_of_day")).isEqualTo(150 / 1440.0);
    assertThat(second.value("time_of_day")).isEqualTo(150 / 1440.0);
    assertThat(24 * (second.value("days_since_previous") - first.value("days_since_previous")))
        .isCloseTo(1.0, within(1e-9));
  }

  @Test
  void newYorkSpringForward() {
    DecisionContext context = context("America/New_York", "2026-03-07T15:00:00Z");

    // 06:30 UTC on 8 March is 01:30 EST; 07:30 UTC is 03:30 EDT.
    FeatureVector before = extractor.features(context, Instant.parse("2026-03-08T06:30:00Z"));
    FeatureVector after = extractor.features(context, Instant.parse("2026-03-08T07:30:00Z"));

    assertThat(before.value("local_hour=01")).isEqualTo(1);
    assertThat(after.value("local_hour=03")).isEqualTo(1);
    assertThat(after.value("day_of_month=08")).isEqualTo(1);
  }

  @Test
  void calendarFeaturesAreLocal() {
    DecisionContext context = context("Europe/Paris", "2026-01-30T12:00:00Z");

    // 23:30 UTC on 31 January is already 1 February in Paris.
    FeatureVector features = extractor.features(context, Instant.parse("2026-01-31T23:30:00Z"));

    assertThat(features.value("day_of_month")).isEqualTo(1 / 31.0);
    assertThat(features.value("day_of_month=01")).isEqualTo(1);
    assertThat(features.value("days_to_month_end")).isEqualTo(27 / 31.0);
    assertThat(features.value("days_to_month_end=4")).isEqualTo(1);
  }

  @Test
  void businessDaysCountMondayToFridayOfTheLocalMonth() {
    // The first failure, 2026-01-30 12:00 UTC, is Friday 30 January in Paris: its month's 22nd
    // business day of 22, one day from the month's end.
    DecisionContext context = context("Europe/Paris", "2026-01-30T12:00:00Z");

    // Monday 2 February 2026 in Paris (February begins on a Sunday): its first business day, 19
    // business days left after it (20 in the month).
    FeatureVector features = extractor.features(context, Instant.parse("2026-02-02T09:00:00Z"));

    assertThat(features.value("business_day_of_month")).isEqualTo(1 / 23.0);
    assertThat(features.value("business_days_to_month_end")).isEqualTo(19 / 23.0);
    assertThat(features.value("first_failure_business_day")).isEqualTo(22 / 23.0);
    assertThat(features.value("first_failure_day_of_month")).isEqualTo(30 / 31.0);
    assertThat(features.value("first_failure_days_to_month_end")).isEqualTo(1 / 31.0);
    assertThat(features.value("first_failure_weekday")).isEqualTo(4 / 6.0);
  }

  @ParameterizedTest
  @CsvSource({"1,0,1", "5,0,5", "7,0,5", "31,0,23", "1,5,0", "2,5,0", "3,5,1", "30,6,21"})
  void businessDaysThroughADayOfTheMonth(int days, int firstWeekday, int expected) {
    assertThat(FeatureExtractor.businessDaysThrough(days, firstWeekday)).isEqualTo(expected);
  }

  @Test
  void unknownOptionalFieldsAreExplicitNotZero() {
    DecisionContext known = context("Europe/Paris", "2026-01-30T12:00:00Z");
    DecisionContext unknown =
        new DecisionContext(
            known.amountMinor(),
            known.currency(),
            known.billingInterval(),
            known.timezone(),
            OptionalInt.empty(),
            new Card(CardBrand.VISA, CardFunding.DEBIT, "FR", Optional.empty()),
            known.attempts(),
            OptionalInt.empty());

    FeatureVector features = extractor.features(unknown, Instant.parse("2026-01-31T12:00:00Z"));

    assertThat(features.value("devices_missing")).isEqualTo(1);
    assertThat(features.value("devices_24h")).isNaN();
    assertThat(features.value("tenure_missing")).isEqualTo(1);
    assertThat(features.value("tenure_days_log")).isNaN();
    assertThat(features.value("issuer_missing")).isEqualTo(1);
  }

  @Test
  void contextPartIsSharedAcrossCandidates() {
    DecisionContext context = context("Europe/Paris", "2026-01-30T12:00:00Z");
    ContextFeatures shared = extractor.context(context);
    Instant at = Instant.parse("2026-02-01T03:00:00Z");

    assertThat(extractor.at(shared, at)).isEqualTo(extractor.features(context, at));
  }
}
