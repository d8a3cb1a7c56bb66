package dev.smartretry.service.metrics;

import static dev.smartretry.service.testing.TestApiKeys.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.service.testing.Api;
import dev.smartretry.service.testing.Reply;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every answer of the cohort metrics for one window: recovery in one group and by every {@code
 * group_by}, the uplift and the time to recovery. Compared before and after days are summed, they
 * must be equal to the last figure.
 */
final class EveryMetric {
  private EveryMetric() {}

  /** The answers for the window {@code from} to {@code to}, by request path. */
  static Map<String, Object> answers(Api api, String from, String to) {
    String window = "from=" + from + "&to=" + to;
    Map<String, Object> answers = new LinkedHashMap<>();
    answers.put("recovery", get(api, "/v1/metrics/recovery?" + window));
    for (RecoveryGrouping grouping : RecoveryGrouping.values()) {
      if (grouping != RecoveryGrouping.ALL) {
        String path = "/v1/metrics/recovery?group_by=" + grouping.wireName() + "&" + window;
        answers.put(path, get(api, path));
      }
    }
    answers.put("uplift", get(api, "/v1/metrics/uplift?" + window));
    answers.put("time-to-recovery", get(api, "/v1/metrics/time-to-recovery?" + window));
    return answers;
  }

  private static Map<String, Object> get(Api api, String path) {
    Reply reply = api.get(path, VIEWER);
    assertThat(reply.status()).as(path + ": " + reply).isEqualTo(200);
    return reply.object();
  }
}
