package dev.smartretry.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smartretry.SmartRetryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldConfigTest {
  @TempDir Path dir;

  private WorldConfig load(String json) throws IOException {
    Path file = dir.resolve("world.json");
    Files.writeString(file, json);
    return WorldConfig.load(file);
  }

  @Test
  void theDefaultsSurviveAJsonRoundTrip() throws IOException {
    assertThat(load(WorldConfig.defaults().toJson())).isEqualTo(WorldConfig.defaults());
    assertThat(load("{}")).isEqualTo(WorldConfig.defaults());
  }

  @Test
  void aPartialFileOverridesOnlyItsFields() throws IOException {
    WorldConfig config =
        load(
            """
            {
              "issuerHolds": {"medianHours": 12.5},
              "countries": {"US": {"weight": 0.5, "timezones": {"America/Anchorage": 0.01}}},
              "legacyPolicy": {"maxRetries": 5}
            }
            """);
    WorldConfig defaults = WorldConfig.defaults();

    assertThat(config.issuerHolds().medianHours()).isEqualTo(12.5);
    assertThat(config.issuerHolds().extensionHours())
        .isEqualTo(defaults.issuerHolds().extensionHours());
    assertThat(config.countries().get("US").weight()).isEqualTo(0.5);
    assertThat(config.countries().get("US").timezones())
        .containsEntry("America/Anchorage", 0.01)
        .containsEntry("America/New_York", 0.47);
    assertThat(config.countries().get("US").currency()).isEqualTo("USD");
    assertThat(config.countries().get("FR")).isEqualTo(defaults.countries().get("FR"));
    assertThat(config.legacyPolicy().maxRetries()).isEqualTo(5);
    assertThat(config.funds()).isEqualTo(defaults.funds());
  }

  @Test
  void nullRemovesAMapEntry() throws IOException {
    WorldConfig config = load("{\"countries\": {\"JP\": null}}");

    assertThat(config.countries()).doesNotContainKey("JP").hasSize(10);
  }

  @Test
  void anUnknownFieldIsAnErrorThatNamesIt() {
    assertThatThrownBy(() -> load("{\"issuerHolds\": {\"medianHourz\": 10}}"))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining("world.json")
        .hasMessageContaining("unknown field 'issuerHolds.medianHourz'")
        .hasMessageContaining("medianHours");
    assertThatThrownBy(() -> load("{\"wrold\": {}}")).hasMessageContaining("unknown field 'wrold'");
    assertThatThrownBy(() -> load("{\"countries\": {\"US\": {\"wieght\": 1}}}"))
        .hasMessageContaining("unknown field 'countries.US.wieght'");
  }

  @Test
  void badValuesAreErrorsThatNameTheField() {
    assertThatThrownBy(() -> load("{\"issuerHolds\": {\"leakProbability\": 2}}"))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining("leakProbability");
    assertThatThrownBy(() -> load("{\"legacyPolicy\": {\"maxRetries\": \"many\"}}"))
        .hasMessageContaining("legacyPolicy.maxRetries");
    assertThatThrownBy(
            () -> load("{\"countries\": {\"US\": {\"payCalendars\": {\"fortnightly\": 1}}}}"))
        .hasMessageContaining("fortnightly");
    assertThatThrownBy(() -> load("{\"hardDeclines\": {\"codes\": {\"insufficient_funds\": 1}}}"))
        .hasMessageContaining("insufficient_funds");
    assertThatThrownBy(() -> load("{\"countries\": {\"NL\": {\"weight\": 0.1}}}"))
        .hasMessageContaining("countries.NL")
        .hasMessageContaining("currency");
    assertThatThrownBy(() -> load("{\"history\": "))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void anOverrideChangesTheWorld() throws IOException {
    WorldConfig noHard =
        load(
            """
            {"causesByFunding": {
              "debit": {"hard_decline": 0}, "credit": {"hard_decline": 0},
              "prepaid": {"hard_decline": 0}, "unknown": {"hard_decline": 0}}}
            """);

    assertThat(new HistoryGenerator(noHard, 1).invoices(2_000))
        .noneMatch(i -> i.attempts().get(0).declineCode().isHard());
    assertThat(new HistoryGenerator(WorldConfig.defaults(), 1).invoices(2_000))
        .anyMatch(i -> i.attempts().get(0).declineCode().isHard());
  }
}
