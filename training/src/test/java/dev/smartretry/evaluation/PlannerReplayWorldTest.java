package dev.smartretry.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.smartretry.features.DecisionContext;
import dev.smartretry.features.PastAttempt;
import dev.smartretry.generator.HistoryGenerator;
import dev.smartretry.generator.Play;
import dev.smartretry.generator.World;
import dev.smartretry.generator.WorldConfig;
import dev.smartretry.generator.WorldInvoice;
import dev.smartretry.history.Invoice;
import dev.smartretry.model.ModelDirectory;
import dev.smartretry.planner.SuccessScorer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The replay on a generated history, where the truth is known: the world's exact success
 * probability of a retry at any time. The models' order is known by construction: the oracle, which
 * scores with those probabilities, before the shipped model, and the oracle turned upside down,
 * which prefers exactly the times the world makes worst, last. None is trained here, so the test
 * checks the replay, not a training run.
 */
class PlannerReplayWorldTest {
  private static final long SEED = 21;
  private static final int INVOICES = 1_500;

  private static final String ORACLE = "oracle";
  private static final String SHIPPED = "shipped";
  private static final String UPSIDE_DOWN = "upside down";

  private static List<Invoice> history;
  private static SuccessScorer oracle;
  private static SuccessScorer upsideDown;

  /** Each model's replay on the history, made once: replays are the slow part. */
  private static Map<String, Replayed> replays;

  @BeforeAll
  static void generate() {
    HistoryGenerator generator = new HistoryGenerator(WorldConfig.defaults(), SEED);
    history = generator.invoices(INVOICES).toList();
    World world = generator.world();
    Map<String, WorldInvoice> byContext = new HashMap<>();
    LongStream.range(0, INVOICES)
        .mapToObj(world::draw)
        .forEach(invoice -> byContext.put(key(invoice.original()), invoice));
    // The oracle finds each context's invoice by what the context knows of it.
    assertThat(byContext).hasSize(INVOICES);
    oracle =
        (context, candidates) -> {
          Play play = byContext.get(key(context)).newPlay();
          List<Instant> failed =
              context.attempts().subList(1, context.attempts().size()).stream()
                  .map(PastAttempt::attemptedAt)
                  .toList();
          double[] probabilities = new double[candidates.size()];
          for (int index = 0; index < probabilities.length; index++) {
            probabilities[index] = play.successProbabilityAfter(failed, candidates.get(index));
          }
          return probabilities;
        };
    upsideDown =
        (context, candidates) -> {
          double[] probabilities = oracle.probabilities(context, candidates);
          for (int index = 0; index < probabilities.length; index++) {
            probabilities[index] = 1 - probabilities[index];
          }
          return probabilities;
        };
    replays =
        Map.of(
            ORACLE,
            replay(oracle),
            SHIPPED,
            replay(ModelDirectory.loadDefault().success()),
            UPSIDE_DOWN,
            replay(upsideDown));
  }

  private static String key(Invoice invoice) {
    return key(DecisionContext.beforeAttempt(invoice, 1));
  }

  private static String key(DecisionContext context) {
    return context.firstFailureAt()
        + " "
        + context.amountMinor()
        + " "
        + context.currency()
        + " "
        + context.card();
  }

  @Test
  void theWeightedEstimateFindsEachPlannersTrueRateWhereThePlainOneIsMisled() {
    for (Map.Entry<String, Replayed> replayed : replays.entrySet()) {
      assertThat(replayed.getValue().report.weightedSuccessRate())
          .as(replayed.getKey())
          .isCloseTo(replayed.getValue().trueRate, within(0.05));
    }
    // The legacy policy retried soon far more often than days later, and the oracle retries soon
    // where nothing helps: matched mostly on hopeless invoices, its plain rate is less than half
    // its true one, and below the shipped model's.
    Replayed oracle = replays.get(ORACLE);
    assertThat(oracle.report.matchedSuccessRate()).isLessThan(oracle.trueRate / 2);
    assertThat(oracle.report.matchedSuccessRate())
        .isLessThan(replays.get(SHIPPED).report.matchedSuccessRate());
  }

  @Test
  void theOracleWinsThePlannerRecoveryAndTheUpsideDownOracleLosesIt() {
    ReplayReport best = replays.get(ORACLE).report;
    ReplayReport shipped = replays.get(SHIPPED).report;
    ReplayReport worst = replays.get(UPSIDE_DOWN).report;

    assertThat(ModelComparison.plannerRecovery(best, worst)).isEqualTo("model");
    assertThat(ModelComparison.plannerRecovery(worst, best)).isEqualTo("against");
    assertThat(ModelComparison.plannerRecovery(shipped, worst)).isEqualTo("model");
    // Ahead of the shipped model too, though 1,500 invoices leave each within the other's
    // interval, which the verdict calls a tie.
    assertThat(best.weightedSuccessRate()).isGreaterThan(shipped.weightedSuccessRate());
  }

  /** A replay, and the true mean success probability at the planner's retry times. */
  private record Replayed(ReplayReport report, double trueRate) {}

  private static Replayed replay(SuccessScorer model) {
    PlannerReplay replay = new PlannerReplay(model, ReplaySettings.defaults());
    List<List<ReplayedDecision>> decisions = history.parallelStream().map(replay::replay).toList();
    ReplayTally tally = new ReplayTally(ReplaySettings.DEFAULT_TOLERANCE);
    double truth = 0;
    long retries = 0;
    for (int index = 0; index < history.size(); index++) {
      Invoice invoice = history.get(index);
      tally.add(invoice, decisions.get(index));
      for (ReplayedDecision decision : decisions.get(index)) {
        if (!decision.plannerStopped()) {
          DecisionContext context = DecisionContext.beforeAttempt(invoice, decision.retryNumber());
          truth += oracle.probabilities(context, List.of(decision.plannedAt()))[0];
          retries++;
        }
      }
    }
    return new Replayed(tally.report(replay.settings()), truth / retries);
  }
}
