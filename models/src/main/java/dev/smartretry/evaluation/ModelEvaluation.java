package dev.smartretry.evaluation;

import dev.smartretry.SmartRetryException;
import dev.smartretry.features.FeatureVector;
import dev.smartretry.history.HistoryReader;
import dev.smartretry.history.Invoice;
import dev.smartretry.history.ReadReport;
import dev.smartretry.model.RetryModel;
import dev.smartretry.model.SuccessModel;
import dev.smartretry.scoring.ScoreSummary;
import dev.smartretry.scoring.Scores;
import dev.smartretry.train.RetryExample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Scores a model on an attempts file. Every retry row (attempt number 2 and later) is scored with
 * the features of what was known when it was decided, at the time it ran, exactly as training built
 * its examples; the row's own outcome never reaches its features. The same read replays the planner
 * driven by the model on the file's invoices ({@link PlannerReplay}).
 *
 * <p>Rows are scored in batches as the file streams, so memory holds one batch of features and one
 * probability per retry, whatever the file's size.
 */
public final class ModelEvaluation {
  /** Retry numbers from this one on are reported together. */
  static final int LAST_RETRY_GROUP = 10;

  private static final int BATCH = 8_192;

  private ModelEvaluation() {}

  /** {@link #evaluate(RetryModel, Path, ReplaySettings, LongConsumer, LongConsumer)} by default. */
  public static EvaluationReport evaluate(RetryModel model, Path data, LongConsumer readProgress) {
    return evaluate(model, data, ReplaySettings.defaults(), readProgress, done -> {});
  }

  /**
   * @param readProgress told the bytes of the file read so far
   * @param replayProgress told the invoices replayed so far; the reader hands invoices on once it
   *     has read every row, so the replay follows the read
   */
  public static EvaluationReport evaluate(
      RetryModel model,
      Path data,
      ReplaySettings replay,
      LongConsumer readProgress,
      LongConsumer replayProgress) {
    Scored scored = new Scored(model.success());
    PlannerReplay.Chunks replayed =
        new PlannerReplay(model.success(), replay).chunks(replayProgress);
    ReadReport read =
        HistoryReader.builder().progress(readProgress).build().read(data, scored.andThen(replayed));
    scored.flush();
    ReplayReport replayReport = replayed.finish();
    if (scored.size == 0) {
      throw new SmartRetryException(data + ": no retry rows (attempt_number 2 or more) to score");
    }
    return new EvaluationReport(
        model.version(),
        data.toString(),
        read.invoicesAccepted(),
        read.rowsRejected(),
        scored.overall(),
        scored.groups(scored.codes),
        scored.groups(scored.retryNumbers),
        replayReport);
  }

  /**
   * Scores several models on the same invoices in one pass, without the replay: the figures that
   * compare versions side by side, cheap enough for a service to compute on what it recorded.
   *
   * @param history hands every invoice to the consumer it is given, e.g. {@code sink ->
   *     StoredHistory.export(connection, from, to, sink, rows -> {})}
   * @return each model's scores, in the models' order; {@link ScoreSummary#count()} 0 when the
   *     invoices held no retry
   */
  public static List<ScoreSummary> score(
      List<RetryModel> models, Consumer<Consumer<Invoice>> history) {
    List<Scored> scored = models.stream().map(model -> new Scored(model.success())).toList();
    history.accept(invoice -> scored.forEach(each -> each.accept(invoice)));
    List<ScoreSummary> summaries = new ArrayList<>();
    for (Scored each : scored) {
      each.flush();
      summaries.add(each.overall());
    }
    return summaries;
  }

  /** Collects probabilities, outcomes and group keys, scoring a batch at a time. */
  private static final class Scored implements Consumer<Invoice> {
    private final SuccessModel model;
    private final List<RetryExample> batch = new ArrayList<>(BATCH);
    private double[] probabilities = new double[BATCH];
    private boolean[] outcomes = new boolean[BATCH];
    private int size;
    private final Map<String, List<Integer>> codes = new TreeMap<>();
    private final Map<String, List<Integer>> retryNumbers = new LinkedHashMap<>();

    Scored(SuccessModel model) {
      this.model = model;
      for (int number = 1; number <= LAST_RETRY_GROUP; number++) {
        retryNumbers.put(retryGroup(number), new ArrayList<>());
      }
    }

    @Override
    public void accept(Invoice invoice) {
      batch.addAll(RetryExample.of(invoice, model.extractor()));
      if (batch.size() >= BATCH) {
        flush();
      }
    }

    void flush() {
      if (batch.isEmpty()) {
        return;
      }
      List<FeatureVector> features = new ArrayList<>(batch.size());
      for (RetryExample example : batch) {
        features.add(example.features());
      }
      double[] raw = model.rawScores(features);
      if (size + batch.size() > probabilities.length) {
        int capacity = Math.max(probabilities.length * 2, size + batch.size());
        probabilities = Arrays.copyOf(probabilities, capacity);
        outcomes = Arrays.copyOf(outcomes, capacity);
      }
      for (int index = 0; index < batch.size(); index++) {
        RetryExample example = batch.get(index);
        probabilities[size] = model.calibration().apply(raw[index]);
        outcomes[size] = example.succeeded();
        codes
            .computeIfAbsent(example.previousCode().wireName(), code -> new ArrayList<>())
            .add(size);
        retryNumbers.get(retryGroup(example.retryNumber())).add(size);
        size++;
      }
      batch.clear();
    }

    ScoreSummary overall() {
      return Scores.summarize(Arrays.copyOf(probabilities, size), Arrays.copyOf(outcomes, size));
    }

    List<GroupScore> groups(Map<String, List<Integer>> groups) {
      List<GroupScore> scores = new ArrayList<>();
      for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
        List<Integer> members = group.getValue();
        if (members.isEmpty()) {
          continue;
        }
        double[] groupProbabilities = new double[members.size()];
        boolean[] groupOutcomes = new boolean[members.size()];
        for (int index = 0; index < members.size(); index++) {
          groupProbabilities[index] = probabilities[members.get(index)];
          groupOutcomes[index] = outcomes[members.get(index)];
        }
        scores.add(
            GroupScore.of(group.getKey(), Scores.summarize(groupProbabilities, groupOutcomes)));
      }
      return scores;
    }

    private static String retryGroup(int retryNumber) {
      return retryNumber >= LAST_RETRY_GROUP ? LAST_RETRY_GROUP + "+" : String.valueOf(retryNumber);
    }
  }
}
