package dev.smartretry.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelDescriptionTest {
  private static final ModelManifest MANIFEST =
      new ModelManifest(
          ModelDirectory.FORMAT,
          1,
          1,
          "v1",
          "2026-11-21T00:00:00Z",
          "xgboost",
          42,
          null,
          Map.of(),
          Map.of());

  @Test
  void readsTheKeptCandidatesValidationFigures() throws Exception {
    // train writes every candidate's figures; the summary is the kept one's, not the first one's.
    JsonNode metrics =
        new ObjectMapper()
            .readTree(
                "{\"selected\": \"xgboost\", \"candidates\": {"
                    + "\"logistic\": {\"roc_auc\": 0.75, \"log_loss\": 0.32},"
                    + "\"xgboost\": {\"roc_auc\": 0.81, \"log_loss\": 0.29}}}");

    ModelDescription description = new ModelDescription(MANIFEST, metrics);

    assertThat(description.validation("roc_auc")).isEqualTo(0.81);
    assertThat(description.validation("log_loss")).isEqualTo(0.29);
    assertThat(description.validation("brier")).isNaN();
  }

  @Test
  void hasNoFiguresWithoutATrainingReport() throws Exception {
    ModelDescription description =
        new ModelDescription(MANIFEST, new ObjectMapper().readTree("{}"));

    assertThat(description.validation("roc_auc")).isNaN();
  }
}
