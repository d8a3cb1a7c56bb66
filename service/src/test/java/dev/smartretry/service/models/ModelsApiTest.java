package dev.smartretry.service.models;

import static dev.smartretry.service.testing.TestApiKeys.ADMIN;
import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static dev.smartretry.service.testing.TestApiKeys.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.smartretry.model.ModelDescription;
import dev.smartretry.service.testing.Api;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.TestApiKeys;
import dev.smartretry.service.testing.TestDatabase;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/models} and the live model, on a service started with the shipped default and a models
 * directory of its own. Every test leaves the default live.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelsApiTest implements TestApiKeys {
  // Versions of this class's own, so that other test classes' rows in the shared database do not
  // interfere. Trained after the default (2026-11-21), so listed before it.
  private static final String NEWER = "2026-12-01T09:00:00Z-apinew";
  private static final String CORRUPT = "2026-12-02T09:00:00Z-apibad";
  private static final String ALTERNATE = "2026-12-03T09:00:00Z-apialt";

  private final Path modelsDir = temporaryDirectory();
  private final String defaultVersion = ModelDirectories.shippedDefault().version();

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject ServingModel serving;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(TestApiKeys.super.getProperties());
    properties.put("smart-retry.models-dir", modelsDir.toString());
    return properties;
  }

  @AfterEach
  void leaveTheDefaultLive() {
    assertThat(activate(defaultVersion, ADMIN).status()).isEqualTo(200);
  }

  @AfterAll
  void deleteModelsDir() {
    ModelDirectories.deleteRecursively(modelsDir);
  }

  private Api api() {
    return new Api(client, json);
  }

  private Reply activate(String version, String key) {
    MutableHttpRequest<?> request =
        HttpRequest.create(HttpMethod.POST, "/v1/models/" + version + "/activate");
    if (key != null) {
      request.bearerAuth(key);
    }
    return api().send(request);
  }

  @Test
  void startsWithTheShippedDefaultLive() {
    Optional<LiveModel> live = serving.live();

    assertThat(live).isPresent();
    assertThat(live.get().version()).isEqualTo(defaultVersion);
    assertThat(live.get().model().version()).isEqualTo(defaultVersion);
  }

  @Test
  void listsTheDefaultWithItsEvaluationAsActive() {
    Reply reply = api().get("/v1/models", ADMIN);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    Map<String, Object> entry = entry(reply, defaultVersion);
    ModelDescription description = ModelDirectories.shippedDefault().description();
    assertThat(entry)
        .containsOnlyKeys(
            "version",
            "algorithm",
            "trained_at",
            "source",
            "active",
            "activated_at",
            "evaluation",
            "recent_evaluation")
        .containsEntry("algorithm", "xgboost")
        .containsEntry("trained_at", description.manifest().createdAt())
        .containsEntry("source", "classpath:default")
        .containsEntry("active", true);
    assertThat((String) entry.get("activated_at")).isNotBlank();
    assertThat(entry.get("evaluation"))
        .asInstanceOf(MAP)
        .containsEntry("roc_auc", description.validation("roc_auc"))
        .containsEntry("log_loss", description.validation("log_loss"))
        .containsEntry("brier", description.validation("brier"));
  }

  @Test
  void activatesAVersionFoundInTheModelsDirectory() throws Exception {
    // A copy of the default is the same version: it stays the shipped one.
    ModelDirectories.copyOfDefault(modelsDir.resolve("copy-of-default"));
    Path newer = ModelDirectories.otherVersion(modelsDir.resolve("newer"), NEWER, trainedAt(NEWER));

    List<Object> listed = api().get("/v1/models", ADMIN).array();
    List<String> versions = versions(listed);
    assertThat(versions).contains(NEWER, defaultVersion);
    assertThat(versions.indexOf(NEWER)).isLessThan(versions.indexOf(defaultVersion));
    assertThat(entry(listed, NEWER))
        .containsEntry("source", newer.toAbsolutePath().toString())
        .containsEntry("trained_at", trainedAt(NEWER))
        .containsEntry("active", false)
        .containsEntry("activated_at", null);
    assertThat(entry(listed, defaultVersion)).containsEntry("source", "classpath:default");

    Reply activated = activate(NEWER, ADMIN);

    assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
    assertThat(activated.object()).containsEntry("version", NEWER).containsEntry("active", true);
    assertThat(serving.live().orElseThrow().version()).isEqualTo(NEWER);
    assertThat(serving.live().orElseThrow().model().version()).isEqualTo(NEWER);
    List<Object> after = api().get("/v1/models", ADMIN).array();
    assertThat(entry(after, NEWER)).containsEntry("active", true);
    assertThat(entry(after, defaultVersion)).containsEntry("active", false);
    assertThat(activeVersionsInTheDatabase()).containsExactly(NEWER);
    assertThat(healthOfModel()).containsEntry("version", NEWER);
    assertThat(prometheus())
        .contains("smart_retry_model_info{version=\"" + NEWER + "\"} 1")
        .doesNotContain("smart_retry_model_info{version=\"" + defaultVersion + "\"}");

    assertThat(activate(defaultVersion, ADMIN).status()).isEqualTo(200);

    assertThat(serving.live().orElseThrow().version()).isEqualTo(defaultVersion);
    assertThat(activeVersionsInTheDatabase()).containsExactly(defaultVersion);
    assertThat(prometheus())
        .contains("smart_retry_model_info{version=\"" + defaultVersion + "\"} 1")
        .doesNotContain("smart_retry_model_info{version=\"" + NEWER + "\"}");
  }

  @Test
  void activatingTheLiveVersionChangesNothing() {
    LiveModel before = serving.live().orElseThrow();
    Object activatedAt = entry(api().get("/v1/models", ADMIN), defaultVersion).get("activated_at");

    Reply again = activate(defaultVersion, ADMIN);

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.object())
        .containsEntry("version", defaultVersion)
        .containsEntry("active", true)
        .containsEntry("activated_at", activatedAt);
    assertThat(serving.live().orElseThrow()).isSameAs(before);
  }

  @Test
  void refusesAnUnknownVersionWith404() {
    LiveModel before = serving.live().orElseThrow();

    Reply reply = activate("2020-01-01T00:00:00Z-nosuch", ADMIN);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat(reply.object())
        .containsEntry("status", 404)
        .extracting("detail")
        .asString()
        .contains("2020-01-01T00:00:00Z-nosuch");
    assertThat(serving.live().orElseThrow()).isSameAs(before);
  }

  @Test
  void refusesADirectoryThatNoLongerLoadsAndKeepsTheLiveModel() throws Exception {
    Path directory =
        ModelDirectories.otherVersion(modelsDir.resolve("corrupt"), CORRUPT, trainedAt(CORRUPT));
    assertThat(versions(api().get("/v1/models", ADMIN).array())).contains(CORRUPT);
    ModelDirectories.corrupt(directory.resolve("success-model.tribuo"));
    LiveModel before = serving.live().orElseThrow();

    Reply reply = activate(CORRUPT, ADMIN);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat((String) reply.object().get("detail"))
        .contains(CORRUPT, "success-model.tribuo", "corrupt", "unchanged");
    assertThat(serving.live().orElseThrow()).isSameAs(before);
    assertThat(activeVersionsInTheDatabase()).containsExactly(defaultVersion);
    assertThat(entry(api().get("/v1/models", ADMIN), CORRUPT)).containsEntry("active", false);
  }

  @Test
  void skipsADirectoryThatIsNoModelWithAWarningNamingIt() throws Exception {
    Path notAModel = Files.createDirectories(modelsDir.resolve("not-a-model"));
    Files.writeString(notAModel.resolve("manifest.json"), "{ not json");
    Logger logger = (Logger) LoggerFactory.getLogger(ModelScanner.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      assertThat(api().get("/v1/models", ADMIN).status()).isEqualTo(200);
    } finally {
      logger.detachAppender(appender);
      ModelDirectories.deleteRecursively(notAModel);
    }

    assertThat(appender.list)
        .filteredOn(event -> event.getLevel() == Level.WARN)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(message -> assertThat(message).contains(notAModel.toString(), "manifest.json"));
  }

  @Test
  void decisionsReadingTheLiveModelDuringActivationsAlwaysGetACompleteOne() throws Exception {
    ModelDirectories.otherVersion(modelsDir.resolve("alternate"), ALTERNATE, trainedAt(ALTERNATE));
    Set<String> versions = Set.of(defaultVersion, ALTERNATE);
    AtomicBoolean activating = new AtomicBoolean(true);
    ExecutorService readers = Executors.newFixedThreadPool(8);
    List<Future<Set<LiveModel>>> seen = new ArrayList<>();
    for (int reader = 0; reader < 8; reader++) {
      seen.add(
          readers.submit(
              () -> {
                Set<LiveModel> observed = Collections.newSetFromMap(new IdentityHashMap<>());
                LiveModel last = null;
                do {
                  LiveModel live = serving.live().orElseThrow();
                  if (live != last) {
                    // Each one whole: its version is its model's, and the model has its parts.
                    assertThat(versions).contains(live.version());
                    assertThat(live.model().version()).isEqualTo(live.version());
                    assertThat(live.model().success()).isNotNull();
                    assertThat(live.model().recoveryTime()).isNotNull();
                    observed.add(live);
                    last = live;
                  }
                } while (activating.get());
                return observed;
              }));
    }
    ExecutorService admins = Executors.newFixedThreadPool(4);
    List<Future<Reply>> activations = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String version = i % 2 == 0 ? ALTERNATE : defaultVersion;
      activations.add(admins.submit(() -> activate(version, ADMIN)));
    }

    try {
      for (Future<Reply> activation : activations) {
        Reply reply = activation.get(60, TimeUnit.SECONDS);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
      }
    } finally {
      activating.set(false);
      admins.shutdown();
      readers.shutdown();
    }

    Set<String> observedVersions = new java.util.HashSet<>();
    for (Future<Set<LiveModel>> reader : seen) {
      // Rethrows what a reader's assertions found.
      reader.get(10, TimeUnit.SECONDS).forEach(live -> observedVersions.add(live.version()));
    }
    assertThat(observedVersions).containsExactlyInAnyOrderElementsOf(versions);
    // The record agrees with what this instance serves, whichever activation came last.
    assertThat(activeVersionsInTheDatabase())
        .containsExactly(serving.live().orElseThrow().version());
  }

  @ParameterizedTest(name = "{0} {1}: {2} -> {3}")
  @CsvSource({
    "GET, /v1/models, , 401",
    "GET, /v1/models, " + VIEWER + ", 403",
    "GET, /v1/models, " + BILLING + ", 403",
    "GET, /v1/models, " + ADMIN + ", 200",
    "POST, /v1/models/any/activate, , 401",
    "POST, /v1/models/any/activate, " + VIEWER + ", 403",
    "POST, /v1/models/any/activate, " + BILLING + ", 403",
    "POST, /v1/models/any/activate, " + ADMIN + ", 404",
  })
  void admitsAdminsOnly(String method, String path, String key, int status) {
    MutableHttpRequest<?> request = HttpRequest.create(HttpMethod.valueOf(method), path);
    if (key != null) {
      request.bearerAuth(key);
    }

    Reply reply = api().send(request);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    if (status >= 400) {
      assertThat(reply.contentType()).isEqualTo("application/problem+json");
    }
  }

  @Test
  void prometheusIsOpenAndShowsTheLiveVersion() {
    Reply reply = api().send(HttpRequest.GET("/prometheus"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body())
        .contains("smart_retry_model_info{version=\"" + defaultVersion + "\"} 1");
  }

  @Test
  void healthShowsTheLiveModelBesideTheDatabase() {
    Reply reply = api().send(HttpRequest.GET("/health").bearerAuth(ADMIN));

    assertThat(reply.status()).isEqualTo(200);
    Map<String, Object> health = reply.object();
    assertThat(health).containsEntry("status", "UP");
    assertThat(health.get("details"))
        .asInstanceOf(MAP)
        .extractingByKey("jdbc")
        .asInstanceOf(MAP)
        .containsEntry("status", "UP");
    assertThat(health.get("details"))
        .asInstanceOf(MAP)
        .extractingByKey("model")
        .asInstanceOf(MAP)
        .containsEntry("status", "UP");
    assertThat(healthOfModel())
        .containsEntry("version", defaultVersion)
        .containsEntry("source", "classpath:default")
        .doesNotContainKey("fallback");
  }

  private Map<String, Object> healthOfModel() {
    return details(
        details(api().send(HttpRequest.GET("/health").bearerAuth(ADMIN)).object()).get("model"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> details(Object health) {
    return (Map<String, Object>) ((Map<String, Object>) health).get("details");
  }

  private String prometheus() {
    return api().send(HttpRequest.GET("/prometheus")).body();
  }

  private static List<String> activeVersionsInTheDatabase() throws Exception {
    try (Connection connection = TestDatabase.shared().connect();
        PreparedStatement select =
            connection.prepareStatement("select version from model_versions where active");
        ResultSet rows = select.executeQuery()) {
      List<String> versions = new ArrayList<>();
      while (rows.next()) {
        versions.add(rows.getString(1));
      }
      return versions;
    }
  }

  private static Map<String, Object> entry(Reply reply, String version) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return entry(reply.array(), version);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> entry(List<Object> listed, String version) {
    return listed.stream()
        .map(item -> (Map<String, Object>) item)
        .filter(item -> version.equals(item.get("version")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(version + " is not listed in " + listed));
  }

  @SuppressWarnings("unchecked")
  private static List<String> versions(List<Object> listed) {
    return listed.stream()
        .map(item -> (String) ((Map<String, Object>) item).get("version"))
        .toList();
  }

  /** The instant a test version says it was trained at: its prefix. */
  private static String trainedAt(String version) {
    return version.substring(0, "2026-12-01T09:00:00Z".length());
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("smart-retry-models-api");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
