package dev.smartretry.service.requests;

import static dev.smartretry.service.testing.TestApiKeys.BILLING;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.smartretry.service.decision.RetryDecider;
import dev.smartretry.service.testing.Api;
import dev.smartretry.service.testing.DecisionRequests;
import dev.smartretry.service.testing.Reply;
import dev.smartretry.service.testing.TestApiKeys;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestIdTest implements TestApiKeys {
  private static final String SANE = "[A-Za-z0-9._-]{1,64}";

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;

  private Api api() {
    return new Api(client, json);
  }

  @Test
  void echoesTheClientsId() {
    Reply reply = api().send(HttpRequest.GET("/health").header("X-Request-Id", "req-42.a_B"));

    assertThat(reply.headers().get("X-Request-Id")).isEqualTo("req-42.a_B");
  }

  @Test
  void makesUpADifferentIdForEachRequestWithoutOne() {
    String first = api().send(HttpRequest.GET("/health")).headers().get("X-Request-Id");
    String second = api().send(HttpRequest.GET("/health")).headers().get("X-Request-Id");

    assertThat(first).matches(SANE);
    assertThat(second).matches(SANE).isNotEqualTo(first);
  }

  @ParameterizedTest
  @ValueSource(strings = {"has space", "<script>", "a/b", "x%0d%0a", ""})
  void replacesAnIdThatIsNotASaneToken(String sent) {
    Reply reply = api().send(HttpRequest.GET("/health").header("X-Request-Id", sent));

    assertThat(reply.headers().get("X-Request-Id")).matches(SANE).isNotEqualTo(sent);
  }

  @Test
  void replacesAnIdLongerThan64Characters() {
    String sent = "a".repeat(65);

    Reply reply = api().send(HttpRequest.GET("/health").header("X-Request-Id", sent));

    assertThat(reply.headers().get("X-Request-Id")).matches(SANE).isNotEqualTo(sent);
    assertThat(
            api()
                .send(HttpRequest.GET("/health").header("X-Request-Id", "a".repeat(64)))
                .headers()
                .get("X-Request-Id"))
        .isEqualTo("a".repeat(64));
  }

  @Test
  void aRefusalByTheKeyFilterCarriesTheId() {
    Reply refused = api().send(HttpRequest.GET("/v1/policies").header("X-Request-Id", "refused-1"));

    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.headers().get("X-Request-Id")).isEqualTo("refused-1");
    assertThat(refused.object()).containsEntry("request_id", "refused-1");
  }

  @Test
  void anInvalidRequestsProblemCarriesTheSameIdAsItsHeader() {
    Reply invalid =
        api()
            .send(
                HttpRequest.POST("/v1/retry-decisions", "{\"invoice_id\": \"in_1\"}")
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .bearerAuth(BILLING));

    assertThat(invalid.status()).isEqualTo(400);
    String id = invalid.headers().get("X-Request-Id");
    assertThat(id).matches(SANE);
    assertThat(invalid.object()).containsEntry("request_id", id);
  }

  @Test
  void anUnknownPathsProblemCarriesTheId() {
    Reply missing = api().send(HttpRequest.GET("/no-such-page").header("X-Request-Id", "lost-1"));

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.headers().get("X-Request-Id")).isEqualTo("lost-1");
    assertThat(missing.object()).containsEntry("request_id", "lost-1");
  }

  /** RetryDecider logs each decision at debug, on the blocking pool the decision route runs on. */
  @Test
  void aLineLoggedOnTheBlockingPoolDuringTheRequestCarriesItsId() throws IOException {
    Logger logger = (Logger) LoggerFactory.getLogger(RetryDecider.class);
    Level level = logger.getLevel();
    ListAppender<ILoggingEvent> seen = new MdcCapturingAppender();
    seen.start();
    logger.addAppender(seen);
    logger.setLevel(Level.DEBUG);
    String body = json.writeValueAsString(DecisionRequests.valid());
    try {
      for (String id : List.of("decision-1", "decision-2")) {
        Reply decided =
            api()
                .send(
                    HttpRequest.POST("/v1/retry-decisions", body)
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .bearerAuth(BILLING)
                        .header("X-Request-Id", id));
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
      }
    } finally {
      logger.setLevel(level);
      logger.detachAppender(seen);
    }

    assertThat(seen.list).hasSize(2);
    assertThat(seen.list)
        .extracting(event -> event.getMDCPropertyMap().get(RequestId.MDC_KEY))
        .containsExactly("decision-1", "decision-2");
    assertThat(seen.list)
        .allSatisfy(event -> assertThat(event.getThreadName()).doesNotContain("eventloop"));
  }

  /** Reads the MDC on the logging thread: a plain ListAppender would read it later, on ours. */
  private static final class MdcCapturingAppender extends ListAppender<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
      event.prepareForDeferredProcessing();
      super.append(event);
    }
  }
}
