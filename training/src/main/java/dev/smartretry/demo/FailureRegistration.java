package dev.smartretry.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.smartretry.generator.WorldInvoice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

/**
 * Hands failed world invoices to the service's scheduler: one {@code POST /v1/payment-failures}
 * each ({@link PaymentFailure}), several in flight at once, so that a thousand take seconds rather
 * than a thousand round trips.
 */
public final class FailureRegistration {
  /** Calls in flight: enough to hide the round trip, few enough not to swamp a small service. */
  static final int IN_FLIGHT = 8;

  /** Refusals quoted in the report; the rest are only counted. */
  static final int PROBLEMS_QUOTED = 5;

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Calls per failure when an answer is lost. Calling again is safe: the service answers a repeated
   * registration with the plan it made (200). Answers do get lost without any fault of the service:
   * the JDK 17 client can drop an answer that arrives very fast on a reused connection (a few in a
   * million calls; JDK-8336655 describes the race).
   */
  private static final int TRIES = 3;

  /** Enough of a problem body to see the service's reason. */
  private static final int QUOTED_BODY_CHARS = 300;

  private final URI endpoint;
  private final String apiKey;
  private final Optional<String> policy;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(CONNECT_TIMEOUT)
          .build();

  /**
   * @param service the service's base URL, e.g. {@code http://localhost:8080}
   * @param apiKey a key of role {@code billing} or {@code admin}
   * @param policy the policy to register the failures under; empty: the service's routing rules
   */
  public FailureRegistration(URI service, String apiKey, Optional<String> policy) {
    String base = service.toString();
    this.endpoint =
        URI.create(
            (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/v1/payment-failures");
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  public URI endpoint() {
    return endpoint;
  }

  /**
   * The service's clock, from its {@code /health} (the scheduler's {@code clock}): under a
   * simulation clock, a billing system registers a day's failures only once that day is over there.
   *
   * @throws IOException if the service does not answer, or its health says no clock
   */
  public Instant serviceClock() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.resolve("/health")).timeout(CONNECT_TIMEOUT).GET().build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode clock =
        DemoJson.MAPPER
            .readTree(response.body())
            .path("components")
            .path("scheduler")
            .path("details")
            .path("clock");
    if (!clock.isTextual()) {
      throw new IOException(
          "the service's /health shows no scheduler clock: " + quote(response.body()));
    }
    return Instant.parse(clock.asText());
  }

  /** Registers every invoice and waits for every answer. */
  public RegistrationReport register(List<WorldInvoice> invoices) throws InterruptedException {
    int[] statuses = new int[invoices.size()];
    String[] problems = new String[invoices.size()];
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    for (int position = 0; position < invoices.size(); position++) {
      int slot = position;
      PaymentFailure failure = PaymentFailure.of(invoices.get(slot), policy);
      inFlight.acquire();
      send(request(failure), TRIES)
          .whenComplete(
              (response, error) -> {
                try {
                  if (response == null) {
                    problems[slot] = failure.invoiceId() + ": no answer: " + unwrap(error);
                  } else {
                    statuses[slot] = response.statusCode();
                    if (response.statusCode() != 201 && response.statusCode() != 200) {
                      problems[slot] =
                          failure.invoiceId()
                              + ": "
                              + response.statusCode()
                              + " "
                              + quote(response.body());
                    }
                  }
                } finally {
                  inFlight.release();
                }
              });
    }
    // Every call has released its permit once all of them can be taken back; the release
    // happens-before this acquire, so the arrays are seen complete.
    inFlight.acquire(IN_FLIGHT);
    return report(statuses, problems);
  }

  /** Sends again when the answer is lost, but not after a timeout: a slow service stays slow. */
  private CompletableFuture<HttpResponse<String>> send(HttpRequest request, int tries) {
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .exceptionallyCompose(
            error -> {
              Throwable cause = unwrap(error);
              boolean lost =
                  cause instanceof IOException && !(cause instanceof HttpTimeoutException);
              return lost && tries > 1
                  ? send(request, tries - 1)
                  : CompletableFuture.failedFuture(cause);
            });
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  private HttpRequest request(PaymentFailure failure) {
    String body;
    try {
      body = DemoJson.MAPPER.writeValueAsString(failure);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return HttpRequest.newBuilder(endpoint)
        .timeout(CALL_TIMEOUT)
        .header("Authorization", "Bearer " + apiKey)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static RegistrationReport report(int[] statuses, String[] problems) {
    int registered = 0;
    int already = 0;
    int refused = 0;
    int unanswered = 0;
    List<String> quoted = new ArrayList<>();
    for (int slot = 0; slot < statuses.length; slot++) {
      switch (statuses[slot]) {
        case 201 -> registered++;
        case 200 -> already++;
        case 0 -> unanswered++;
        default -> refused++;
      }
      if (problems[slot] != null && quoted.size() < PROBLEMS_QUOTED) {
        quoted.add(problems[slot]);
      }
    }
    return new RegistrationReport(registered, already, refused, unanswered, quoted);
  }

  private static String quote(String body) {
    String line = body.replaceAll("\\s+", " ").strip();
    return line.length() <= QUOTED_BODY_CHARS ? line : line.substring(0, QUOTED_BODY_CHARS) + "...";
  }
}
