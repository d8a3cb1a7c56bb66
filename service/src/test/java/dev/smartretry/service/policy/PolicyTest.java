package dev.smartretry.service.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smartretry.planner.RetryPolicy;
import dev.smartretry.service.problem.ServiceProblem;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTest {
  @Test
  void becomesThePlannersPolicy() {
    Policy policy =
        new PolicyJson(
                null,
                "fixed",
                3,
                "P10D",
                "PT2H",
                List.of("P1D", "P2DT12H"),
                "cancel_subscription",
                "PT6H",
                0.1)
            .toPolicy("annual", "");

    assertThat(policy.toRetryPolicy())
        .isEqualTo(
            new RetryPolicy(
                RetryPolicy.Mode.FIXED,
                3,
                Duration.ofDays(10),
                Duration.ofHours(2),
                List.of(Duration.ofDays(1), Duration.ofHours(60)),
                Duration.ofHours(6)));
    assertThat(policy.finalAction()).isEqualTo(FinalAction.CANCEL_SUBSCRIPTION);
  }

  @Test
  void namesTheFieldsOfAnInlinePolicyUnderItsPrefix() {
    PolicyJson inline = new PolicyJson(null, null, 30, "P1M", null, null, null, null, null);

    assertThatThrownBy(() -> inline.toPolicy("inline", "policy."))
        .isInstanceOfSatisfying(
            ServiceProblem.class,
            problem ->
                assertThat(problem.errors())
                    .extracting(error -> error.field())
                    .containsExactly("policy.max_retries", "policy.max_duration"));
  }

  @Test
  void readsDurationsInDaysAndTime() {
    assertThat(IsoDuration.parse("P1DT12H").value()).isEqualTo(Duration.ofHours(36));
    assertThat(IsoDuration.parse("PT90M").text()).isEqualTo("PT90M");
    assertThat(IsoDuration.parse("PT45S").value()).isEqualTo(Duration.ofSeconds(45));
    assertThatThrownBy(() -> IsoDuration.parse("P1DT")).hasMessageContaining("ISO-8601");
    assertThatThrownBy(() -> IsoDuration.parse("PT")).hasMessageContaining("ISO-8601");
    assertThatThrownBy(() -> IsoDuration.parse("P0DT0H")).hasMessageContaining("zero");
    assertThatThrownBy(() -> IsoDuration.parse("P1Y2M")).hasMessageContaining("years, months");
  }
}
