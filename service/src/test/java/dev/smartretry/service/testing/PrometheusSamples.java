package dev.smartretry.service.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

/** The samples of one scrape of {@code /prometheus}, by name and labels as written. */
public final class PrometheusSamples {
  private final Map<String, Double> samples;

  private PrometheusSamples(Map<String, Double> samples) {
    this.samples = samples;
  }

  /** Scrapes {@code /prometheus} now. */
  public static PrometheusSamples scrape(Api api) {
    Reply reply = api.get("/prometheus", TestApiKeys.BILLING);
    assertThat(reply.status()).isEqualTo(200);
    Map<String, Double> samples = new HashMap<>();
    for (String line : reply.body().split("\n")) {
      if (!line.startsWith("#") && !line.isBlank()) {
        int space = line.lastIndexOf(' ');
        samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
    return new PrometheusSamples(samples);
  }

  /** Whether the sample {@code name} (with its labels) is there. */
  public boolean has(String name) {
    return samples.containsKey(name);
  }

  /**
   * How much the sample {@code name} (with its labels, e.g. {@code
   * smart_retry_retries_total{outcome="failed"}}) grew since {@code before}; it must be there now.
   */
  public double growthSince(PrometheusSamples before, String name) {
    assertThat(samples).containsKey(name);
    return samples.get(name) - before.samples.getOrDefault(name, 0.0);
  }
}
