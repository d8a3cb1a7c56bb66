package dev.smartretry.service.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smartretry.service.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model {@code SMART_RETRY_MODEL} names at start. */
class StartupModelTest {
  private static final String CONFIGURED = "2026-12-04T09:00:00Z-startc";

  // Its own: an instance started with SMART_RETRY_MODEL records it, and the instances of other
  // tests on the shared database would start with it.
  private final TestDatabase database = TestDatabase.fresh();

  @TempDir Path temp;

  private Map<String, Object> settings(Path model, Path modelsDir) {
    Map<String, Object> properties = new HashMap<>(database.datasourceProperties());
    properties.put("smart-retry.model", model.toString());
    properties.put("smart-retry.models-dir", modelsDir.toString());
    return properties;
  }

  @Test
  void loadsAndActivatesTheNamedDirectory() throws Exception {
    Path directory =
        ModelDirectories.otherVersion(
            temp.resolve("configured"), CONFIGURED, "2026-12-04T09:00:00Z");

    try (ApplicationContext context =
        ApplicationContext.run(settings(directory, temp.resolve("models")))) {
      LiveModel live = context.getBean(ServingModel.class).live().orElseThrow();

      assertThat(live.version()).isEqualTo(CONFIGURED);
      assertThat(live.model().version()).isEqualTo(CONFIGURED);
      try (Connection connection = database.connect();
          PreparedStatement select =
              connection.prepareStatement(
                  "select source, active from model_versions where version = ?")) {
        select.setString(1, CONFIGURED);
        try (ResultSet row = select.executeQuery()) {
          assertThat(row.next()).isTrue();
          assertThat(row.getString("source")).isEqualTo(directory.toString());
          assertThat(row.getBoolean("active")).isTrue();
        }
      }
    }
  }

  @Test
  void aMissingDirectoryStopsTheStartNamingIt() {
    Path missing = temp.resolve("no-such-model");

    assertThatThrownBy(() -> ApplicationContext.run(settings(missing, temp)).close())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("SMART_RETRY_MODEL")
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("no such directory");
  }

  @Test
  void aCorruptDirectoryStopsTheStartNamingTheFile() throws Exception {
    Path directory = ModelDirectories.copyOfDefault(temp.resolve("corrupt"));
    ModelDirectories.corrupt(directory.resolve("recovery-time-model.tribuo"));

    assertThatThrownBy(() -> ApplicationContext.run(settings(directory, temp)).close())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(directory.toString())
        .hasMessageContaining("recovery-time-model.tribuo")
        .hasMessageContaining("corrupt");
  }
}
