package dev.smartretry.service.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migration V10 on a database that already holds plans: every plan and attempt gets its invoice's
 * first failure, and nothing stored is lost, so that an upgraded service counts old plans in the
 * metrics like new ones.
 */
class CohortColumnsMigrationTest {
  @Test
  void plansAndAttemptsStoredBeforeV10GetTheirFirstFailure() {
    TestDatabase database = TestDatabase.fresh();
    migrate(database, "9");
    database.execute(
        "insert into payment_plans (invoice_id, customer_id, amount_minor, currency,"
            + " billing_interval, timezone, card_brand, card_funding, card_country,"
            + " policy_name, policy_inline, applied_policy, arm, registered_attempts, status,"
            + " retry_number, retries_remaining, deadline, reason, recovered_at, stop_reason,"
            + " created_at, updated_at) values ('in_old', 'cus_old', 4900, 'EUR', 'month',"
            + " 'Europe/Paris', 'visa', 'debit', 'FR', 'default', false, '{}', 'smart', 2,"
            + " 'recovered', 2, 6, '2026-03-15T14:05:00Z', 'model_optimum',"
            + " '2026-03-03T10:00:00Z', 'recovered', '2026-03-02T09:00:00Z',"
            + " '2026-03-03T10:00:00Z')");
    for (String attempt :
        new String[] {
          "1, '2026-03-01T14:05:00Z', 'failed', 'insufficient_funds', 'registered'",
          "2, '2026-03-02T08:00:00Z', 'failed', 'do_not_honor', 'registered'",
          "3, '2026-03-03T10:00:00Z', 'succeeded', null, 'scheduler'"
        }) {
      database.execute(
          "insert into attempts (invoice_id, customer_id, amount_minor, currency,"
              + " billing_interval, timezone, card_brand, card_funding, card_country,"
              + " recorded_at, attempt_number, attempted_at, outcome, decline_code, source)"
              + " values ('in_old', 'cus_old', 4900, 'EUR', 'month', 'Europe/Paris', 'visa',"
              + " 'debit', 'FR', '2026-03-03T10:00:00Z', "
              + attempt
              + ")");
    }

    migrate(database, "latest");

    assertThat(
            database.count(
                "select count(*) from payment_plans where invoice_id = 'in_old'"
                    + " and first_failed_at = '2026-03-01T14:05:00Z'"
                    + " and first_decline_code = 'insufficient_funds' and status = 'recovered'"))
        .isEqualTo(1);
    assertThat(
            database.count(
                "select count(*) from attempts where invoice_id = 'in_old'"
                    + " and first_failed_at = '2026-03-01T14:05:00Z'"))
        .isEqualTo(3);
    assertThat(
            database.count(
                "select count(*) from policies where name = 'default' and control_share = 0"))
        .isEqualTo(1);
  }

  private static void migrate(TestDatabase database, String target) {
    Flyway.configure()
        .dataSource(database.url(), "postgres", "")
        .locations("classpath:db/migration")
        .target(target)
        .load()
        .migrate();
  }
}
