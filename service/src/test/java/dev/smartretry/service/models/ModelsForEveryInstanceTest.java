package dev.smartretry.service.models;

import static dev.smartretry.service.testing.TestApiKeys.ADMIN;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static dev.smartretry.service.testing.TestApiKeys.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.model.ModelArchive;
import dev.smartretry.service.testing.DecisionRequests;
import dev.smartretry.service.testing.ModelsServed;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.ServiceInstance;
import dev.smartretry.service.testing.SettableClock;
import dev.smartretry.service.testing.TestDatabase;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models for every instance (docs/http-api.md, section 5): two instances on one database, each with
 * a models directory of its own, so that a model reaches the second only through the database.
 */
class ModelsForEveryInstanceTest {
  private static final String UPLOADED = "2026-12-05T09:00:00Z-upload";
  private static final String ON_DISK = "2026-12-06T09:00:00Z-ondisk";
  private static final MediaType GZIP = MediaType.of("application/gzip");

  private final TestDatabase database = TestDatabase.fresh();
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T14:06:00Z"));
  private final List<ServiceInstance> instances = new ArrayList<>();

  @TempDir Path temp;

  @AfterEach
  void stop() {
    instances.forEach(ServiceInstance::close);
  }

  private ServiceInstance start(String name) throws IOException {
    Path modelsDir = Files.createDirectories(temp.resolve(name + "-models"));
    ServiceInstance instance =
        ServiceInstance.start(
            database,
            clock,
            Map.of("smart-retry.models-dir", modelsDir.toString(), "smart-retry.scheduler", "off"));
    instances.add(instance);
    return instance;
  }

  private static Reply upload(ServiceInstance instance, byte[] archive, String key) {
    return instance
        .api()
        .send(HttpRequest.POST("/v1/models", archive).contentType(GZIP).bearerAuth(key));
  }

  private static Reply activate(ServiceInstance instance, String version) {
    return instance
        .api()
        .send(
            HttpRequest.create(HttpMethod.POST, "/v1/models/" + version + "/activate")
                .bearerAuth(ADMIN));
  }

  private static Object modelOfADecision(ServiceInstance instance) throws IOException {
    String request = instance.bean(JsonMapper.class).writeValueAsString(DecisionRequests.valid());
    Reply decision = instance.api().post("/v1/retry-decisions", BILLING, request);
    assertThat(decision.status()).as(decision.toString()).isEqualTo(200);
    return decision.object().get("model_version");
  }

  private byte[] archiveOf(String version) throws IOException {
    Path directory =
        ModelDirectories.otherVersion(temp.resolve(version), version, version.substring(0, 20));
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    ModelArchive.write(directory, archive);
    return archive.toByteArray();
  }

  @Test
  void anUploadActivatedOnOneInstanceServesOnTheOtherAndAfterItsRestart() throws Exception {
    ServiceInstance first = start("first");
    ServiceInstance second = start("second");
    byte[] archive = archiveOf(UPLOADED);

    Reply uploaded = upload(first, archive, ADMIN);
    assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
    assertThat(uploaded.object())
        .containsEntry("version", UPLOADED)
        .containsEntry("source", "database:" + UPLOADED)
        .containsEntry("active", false);
    // The same archive again: known, nothing changes.
    Reply again = upload(second, archive, ADMIN);
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.object()).containsEntry("version", UPLOADED);
    assertThat(second.api().get("/v1/models", ADMIN).array())
        .anySatisfy(entry -> assertThat(entry.toString()).contains(UPLOADED));

    assertThat(activate(first, UPLOADED).status()).isEqualTo(200);
    assertThat(modelOfADecision(first)).isEqualTo(UPLOADED);
    second.bean(ModelsServed.class).await(UPLOADED);
    assertThat(modelOfADecision(second)).isEqualTo(UPLOADED);
    assertThat(second.api().send(HttpRequest.GET("/health").bearerAuth(ADMIN)).body())
        .contains(UPLOADED, "database:" + UPLOADED);

    second.close();
    instances.remove(second);
    ServiceInstance restarted = start("second");
    // Served from the start: no notification is needed for the version activated last.
    assertThat(restarted.bean(ServingModel.class).live().orElseThrow().version())
        .isEqualTo(UPLOADED);
    assertThat(modelOfADecision(restarted)).isEqualTo(UPLOADED);
  }

  @Test
  void aVersionActivatedFromOneInstancesDiskServesOnAnInstanceWithoutIt() throws Exception {
    ServiceInstance first = start("first");
    ServiceInstance second = start("second");
    ModelDirectories.otherVersion(
        temp.resolve("first-models").resolve("newer"), ON_DISK, "2026-12-06T09:00:00Z");

    Reply activated = activate(first, ON_DISK);

    assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
    second.bean(ModelsServed.class).await(ON_DISK);
    assertThat(modelOfADecision(second)).isEqualTo(ON_DISK);
    assertThat(second.api().send(HttpRequest.GET("/health").bearerAuth(ADMIN)).body())
        .contains("database:" + ON_DISK);
    // And back: the shipped default is on every instance.
    String shipped = ModelDirectories.shippedDefault().version();
    assertThat(activate(second, shipped).status()).isEqualTo(200);
    first.bean(ModelsServed.class).await(shipped);
  }

  @Test
  @SuppressWarnings("unchecked")
  void listsEveryVersionScoredOnTheSameRecentWindow() throws Exception {
    ServiceInstance instance = start("only");
    assertThat(upload(instance, archiveOf(UPLOADED), ADMIN).status()).isEqualTo(201);
    // The clock is at 2026-03-01T14:06Z: the window is February, by first failure.
    report(instance, "in_feb", "2026-02-10T10:00:00Z", "2026-02-11T10:00:00Z", null);
    report(instance, "in_feb_late", "2026-02-28T23:00:00Z", "2026-03-01T10:00:00Z", null);
    report(instance, "in_jan", "2026-01-31T23:59:00Z", "2026-02-05T10:00:00Z", null);
    report(instance, "in_mar", "2026-03-01T00:00:00Z", "2026-03-01T05:00:00Z", null);
    report(
        instance,
        "in_feb_two",
        "2026-02-15T08:00:00Z",
        "2026-02-16T08:00:00Z",
        "2026-02-18T08:00:00Z");

    List<Object> listed = instance.api().get("/v1/models", ADMIN).array();

    List<Map<String, Object>> recent =
        listed.stream()
            .map(
                entry ->
                    (Map<String, Object>) ((Map<String, Object>) entry).get("recent_evaluation"))
            .toList();
    assertThat(recent).hasSize(2).doesNotContainNull();
    for (Map<String, Object> figures : recent) {
      assertThat(figures)
          .containsEntry("from", "2026-02-01T00:00:00Z")
          .containsEntry("to", "2026-03-01T00:00:00Z")
          // in_feb 1, in_feb_late 1, in_feb_two 2; in_jan and in_mar first failed outside it.
          .containsEntry("retries", 4);
      assertThat(((Number) figures.get("log_loss")).doubleValue()).isPositive();
    }
    // The uploaded version holds the shipped default's models: the same window, the same figures.
    assertThat(recent.get(0)).isEqualTo(recent.get(1));
  }

  /**
   * Reports a first failure and its retries, the last of which succeeds, as a billing system that
   * runs its own retries would.
   */
  private static void report(
      ServiceInstance instance, String invoice, String failedAt, String retry, String secondRetry)
      throws IOException {
    List<String> times = new ArrayList<>(List.of(failedAt, retry));
    if (secondRetry != null) {
      times.add(secondRetry);
    }
    for (int number = 1; number <= times.size(); number++) {
      boolean succeeds = number > 1 && number == times.size();
      Map<String, Object> body =
          DecisionRequests.reportedAttempt(
              invoice, number, times.get(number - 1), succeeds ? null : "insufficient_funds");
      Reply reply =
          instance
              .api()
              .post(
                  "/v1/attempts",
                  BILLING,
                  instance.bean(JsonMapper.class).writeValueAsString(body));
      assertThat(reply.status()).as(reply.toString()).isIn(200, 201);
    }
  }

  @Test
  void refusesAnArchiveThatIsNotAUsableModelAndStoresNothing() throws Exception {
    ServiceInstance instance = start("only");
    long versionsBefore = count("model_versions");

    byte[] corrupt = archiveOf(UPLOADED);
    // One bit of the compressed stream flipped: gzip's own check or a file's checksum catches it.
    corrupt[corrupt.length / 2] ^= 1;
    Reply refused = upload(instance, corrupt, ADMIN);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.object().get("detail").toString())
        .contains("not a usable model archive", "Nothing was stored");

    Reply notGzip = upload(instance, "{}".getBytes(StandardCharsets.UTF_8), ADMIN);
    assertThat(notGzip.status()).isEqualTo(400);
    assertThat(notGzip.object().get("detail").toString()).contains("not a gzip");

    Path tampered = ModelDirectories.otherVersion(temp.resolve("tampered"), UPLOADED, "2026-12-05");
    ModelDirectories.corrupt(tampered.resolve("success-model.tribuo"));
    Reply badSum = upload(instance, archive(tampered), ADMIN);
    assertThat(badSum.status()).isEqualTo(400);
    assertThat(badSum.object().get("detail").toString())
        .contains("success-model.tribuo", "corrupt", "SHA-256");

    Path older = ModelDirectories.otherVersion(temp.resolve("older"), UPLOADED, "2026-12-05");
    Path manifest = older.resolve("manifest.json");
    Files.writeString(
        manifest,
        Files.readString(manifest)
            .replaceFirst("\"feature_version\" : \\d+", "\"feature_version\" : 1"));
    Reply oldFeatures = upload(instance, archive(older), ADMIN);
    assertThat(oldFeatures.status()).isEqualTo(400);
    assertThat(oldFeatures.object().get("detail").toString()).contains("feature version 1");

    assertThat(count("model_versions")).isEqualTo(versionsBefore);
    assertThat(count("model_archives")).isZero();
  }

  @Test
  void uploadsAreForAdminsAndGzipOnly() throws Exception {
    ServiceInstance instance = start("only");
    byte[] archive = archiveOf(UPLOADED);

    assertThat(upload(instance, archive, VIEWER).status()).isEqualTo(403);
    assertThat(upload(instance, archive, BILLING).status()).isEqualTo(403);
    assertThat(
            instance
                .api()
                .send(
                    HttpRequest.POST("/v1/models", archive)
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .bearerAuth(ADMIN))
                .status())
        .isEqualTo(415);
    assertThat(count("model_archives")).isZero();
  }

  private static byte[] archive(Path directory) throws IOException {
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    ModelArchive.write(directory, archive);
    return archive.toByteArray();
  }

  private long count(String table) throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("select count(*) from " + table)) {
      row.next();
      return row.getLong(1);
    }
  }
}
