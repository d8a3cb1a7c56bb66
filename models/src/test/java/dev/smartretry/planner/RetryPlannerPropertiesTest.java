package dev.smartretry.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.features.DecisionContext;
import dev.smartretry.features.PastAttempt;
import dev.smartretry.history.BillingInterval;
import dev.smartretry.history.Card;
import dev.smartretry.history.CardBrand;
import dev.smartretry.history.CardFunding;
import dev.smartretry.history.DeclineCode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hard guarantees, over thousands of random states, policies and scorers. */
class RetryPlannerPropertiesTest {
  private static final DeclineCode[] SOFT =
      java.util.Arrays.stream(DeclineCode.values())
          .filter(c -> !c.isHard())
          .toArray(DeclineCode[]::new);
  private static final DeclineCode[] HARD =
      java.util.Arrays.stream(DeclineCode.values())
          .filter(DeclineCode::isHard)
          .toArray(DeclineCode[]::new);
  // Codes that ask for a wait (24-30) or mean nothing to the planner (01).
  private static final String[] ADVICE = {"01", "24", "25", "26", "27", "28", "29", "30"};
  // Written out from docs/http-api.md, section 1, not taken from NetworkRules.
  private static final Map<String, Duration> ADVICE_WAITS =
      Map.of(
          "24", Duration.ofHours(1),
          "25", Duration.ofHours(24),
          "26", Duration.ofDays(2),
          "27", Duration.ofDays(4),
          "28", Duration.ofDays(6),
          "29", Duration.ofDays(8),
          "30", Duration.ofDays(10));
  private static final String[] ZONES = {"Europe/Paris", "America/New_York", "Asia/Tokyo", "UTC"};

  private record State(
      DecisionContext context, RetryPolicy policy, Instant asOf, SuccessScorer scorer) {}

  private static State randomState(Random random) {
    CardBrand brand =
        random.nextInt(3) == 0
            ? CardBrand.MASTERCARD
            : random.nextBoolean() ? CardBrand.VISA : CardBrand.AMEX;
    int attemptCount = 1 + random.nextInt(random.nextInt(10) == 0 ? 25 : 8);
    Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(300 * 86_400));
    List<PastAttempt> attempts = new ArrayList<>();
    for (int index = 0; index < attemptCount; index++) {
      DeclineCode code =
          random.nextInt(40) == 0
              ? HARD[random.nextInt(HARD.length)]
              : SOFT[random.nextInt(SOFT.length)];
      Optional<String> advice =
          random.nextInt(50) == 0
              ? Optional.of(random.nextBoolean() ? "03" : "21")
              : random.nextInt(20) == 0
                  ? Optional.of(ADVICE[random.nextInt(ADVICE.length)])
                  : Optional.empty();
      attempts.add(new PastAttempt(at, code, advice));
      at = at.plusSeconds(60 + random.nextInt(random.nextBoolean() ? 3_600 : 4 * 86_400));
    }
    Duration maxDuration = Duration.ofHours(1 + random.nextInt(60 * 24));
    List<Duration> schedule = new ArrayList<>();
    for (int index = 0; index < random.nextInt(10); index++) {
      schedule.add(Duration.ofMinutes(1 + random.nextInt((int) maxDuration.toMinutes())));
    }
    schedule.sort(null);
    RetryPolicy policy =
        new RetryPolicy(
            switch (random.nextInt(12)) {
              case 0, 1, 2 -> RetryPolicy.Mode.FIXED;
              case 3 -> RetryPolicy.Mode.MANUAL;
              default -> RetryPolicy.Mode.SMART;
            },
            1 + random.nextInt(25),
            maxDuration,
            Duration.ofMinutes(random.nextInt(48 * 60)),
            schedule,
            random.nextInt(3) == 0
                ? Duration.ofMinutes(random.nextInt((int) maxDuration.toMinutes()))
                : Duration.ZERO);
    Instant last = attempts.get(attempts.size() - 1).attemptedAt();
    Instant asOf = last.plusSeconds(random.nextInt(random.nextBoolean() ? 7_200 : 20 * 86_400));
    long scorerSeed = random.nextLong();
    SuccessScorer scorer =
        switch (random.nextInt(4)) {
          case 0 -> null;
          case 1 -> (context, candidates) -> new double[candidates.size()];
          case 2 ->
              (context, candidates) -> {
                double[] odd = new double[candidates.size()];
                for (int index = 0; index < odd.length; index++) {
                  odd[index] = index % 7 == 0 ? Double.NaN : index % 5 == 0 ? 1.7 : -0.2;
                }
                return odd;
              };
          default ->
              (context, candidates) -> {
                double[] probabilities = new double[candidates.size()];
                for (int index = 0; index < probabilities.length; index++) {
                  probabilities[index] =
                      new Random(scorerSeed ^ candidates.get(index).getEpochSecond()).nextDouble();
                }
                return probabilities;
              };
        };
    DecisionContext context =
        new DecisionContext(
            4900,
            "EUR",
            BillingInterval.MONTH,
            ZoneId.of(ZONES[random.nextInt(ZONES.length)]),
            OptionalInt.empty(),
            new Card(brand, CardFunding.DEBIT, "FR", Optional.empty()),
            attempts,
            OptionalInt.empty());
    return new State(context, policy, asOf, scorer);
  }

  // Shares of exploration the planner is run with: none, the service's most, and always.
  private static final double[] SHARES = {0, 0.2, 1};

  @Test
  void noDecisionEverBreaksAGuarantee() {
    Random random = new Random(20261121);
    int retries = 0;
    int manual = 0;
    int explored = 0;
    for (int run = 0; run < 5_000; run++) {
      State state = randomState(random);
      double share = SHARES[random.nextInt(SHARES.length)];
      String invoiceId = "in_property_" + run;
      RetryPlanner planner =
          new RetryPlanner(state.scorer(), new Exploration(share, random.nextLong()));
      RetryDecision decision =
          planner.decide(state.context(), state.policy(), state.asOf(), invoiceId);
      assertThat(planner.decide(state.context(), state.policy(), state.asOf(), invoiceId))
          .as("the same retry decided again")
          .isEqualTo(decision);
      Selection selection = decision.selection();
      assertThat(selection.probability()).isGreaterThan(0).isLessThanOrEqualTo(1);
      if (selection.explored()) {
        explored++;
        assertThat(decision.reason()).isEqualTo(DecisionReason.MODEL_OPTIMUM);
        assertThat(share).isPositive();
      } else if (share > 0 && decision.reason() == DecisionReason.MODEL_OPTIMUM) {
        assertThat(selection.probability()).isGreaterThanOrEqualTo(1 - share);
      } else {
        assertThat(selection).isEqualTo(Selection.CERTAIN);
      }
      DecisionContext context = state.context();
      RetryPolicy policy = state.policy();
      int used = context.attempts().size() - 1;
      Instant deadline = context.firstFailureAt().plus(policy.maxDuration());
      assertThat(decision.deadline()).isEqualTo(deadline);
      if (policy.mode() == RetryPolicy.Mode.MANUAL) {
        assertThat(decision.isRetry()).as("a retry under a manual policy").isFalse();
        assertThat(decision.reason()).isEqualTo(DecisionReason.MANUAL_REVIEW);
        assertThat(decision.retriesRemaining()).isEqualTo(Math.max(0, policy.maxRetries() - used));
        manual++;
        continue;
      }
      boolean forbidden =
          context.attempts().stream()
              .anyMatch(
                  a ->
                      a.declineCode().isHard()
                          || a.networkAdviceCode()
                              .filter(c -> c.equals("03") || c.equals("21"))
                              .isPresent());
      if (forbidden) {
        assertThat(decision.isRetry()).as("retry after a hard decline or advice code").isFalse();
        assertThat(decision.reason()).isEqualTo(DecisionReason.HARD_DECLINE);
      }
      if (!decision.isRetry()) {
        assertThat(decision.reason())
            .isIn(
                DecisionReason.HARD_DECLINE,
                DecisionReason.RETRIES_EXHAUSTED,
                DecisionReason.DEADLINE_PASSED);
        continue;
      }
      retries++;
      Instant next = decision.nextAttemptAt();
      assertThat(used).as("over budget").isLessThan(policy.maxRetries());
      assertThat(decision.retryNumber()).isEqualTo(used + 1);
      assertThat(decision.retriesRemaining()).isEqualTo(policy.maxRetries() - used - 1);
      assertThat(next).as("before as_of").isAfterOrEqualTo(state.asOf());
      assertThat(next).as("after the deadline").isBeforeOrEqualTo(deadline);
      assertThat(Duration.between(context.previousAttempt().attemptedAt(), next))
          .as("under the min interval")
          .isGreaterThanOrEqualTo(policy.minInterval());
      assertThat(Duration.between(context.firstFailureAt(), next))
          .as("within the grace period")
          .isGreaterThanOrEqualTo(policy.gracePeriod());
      Duration adviceWait =
          context
              .previousAttempt()
              .networkAdviceCode()
              .map(code -> ADVICE_WAITS.getOrDefault(code, Duration.ZERO))
              .orElse(Duration.ZERO);
      assertThat(Duration.between(context.previousAttempt().attemptedAt(), next))
          .as("sooner than the network advice code asks")
          .isGreaterThanOrEqualTo(adviceWait);
      if (context.card().brand() == CardBrand.VISA) {
        long inWindow =
            context.attempts().subList(1, context.attempts().size()).stream()
                    .filter(a -> a.attemptedAt().isAfter(next.minus(Duration.ofDays(30))))
                    .count()
                + 1;
        assertThat(inWindow).as("Visa: more than 15 retries in 30 days").isLessThanOrEqualTo(15);
      }
      DecisionReason expected =
          policy.mode() == RetryPolicy.Mode.FIXED
              ? DecisionReason.FIXED_SCHEDULE
              : state.scorer() == null ? DecisionReason.FALLBACK : DecisionReason.MODEL_OPTIMUM;
      assertThat(decision.reason()).isEqualTo(expected);
      if (expected == DecisionReason.MODEL_OPTIMUM) {
        assertThat(decision.successProbability().getAsDouble()).isBetween(0.0, 1.0);
      }
    }
    assertThat(retries).as("enough states that allow a retry").isGreaterThan(1_000);
    assertThat(explored)
        .as("enough explored decisions, each held to every rule")
        .isGreaterThan(300);
    assertThat(manual).as("enough manual policies").isGreaterThan(200);
  }
}
