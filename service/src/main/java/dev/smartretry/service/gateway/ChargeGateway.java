package dev.smartretry.service.gateway;

import dev.smartretry.history.Outcome;
import dev.smartretry.history.ValueRules;
import dev.smartretry.webhooks.WebhookSecret;
import dev.smartretry.webhooks.WebhookSignature;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Calls the charge endpoint with Micronaut's non-blocking HTTP client: no thread waits on a call,
 * so a gateway that answers slowly or not at all holds only its own calls, up to the read timeout.
 * Every way a call can fail becomes a {@link ChargeResult.NoOutcome}; this class never throws for
 * the gateway's behaviour.
 */
@Singleton
@Requires(property = "smart-retry.gateway-url")
public final class ChargeGateway {
  /** An outcome is a few fields; a larger answer is not one. */
  private static final int MAX_ANSWER_BYTES = 64 * 1024;

  private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final URI url;
  private final Optional<WebhookSecret> secret;
  private final HttpClient client;
  private final JsonMapper json;
  // Signatures carry real time: a receiver checks them against its own clock, whatever time a
  // simulation clock tells.
  private final Clock realTime = Clock.systemUTC();

  ChargeGateway(GatewaySettings settings, JsonMapper json) throws MalformedURLException {
    this.url = settings.url().orElseThrow();
    this.secret = settings.secret();
    this.json = json;
    DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
    configuration.setConnectTimeout(settings.connectTimeout());
    configuration.setReadTimeout(settings.readTimeout());
    configuration.setMaxContentLength(MAX_ANSWER_BYTES);
    configuration.setFollowRedirects(false);
    this.client = HttpClient.create(url.toURL(), configuration);
  }

  /** The endpoint calls go to, for logs. */
  public URI url() {
    return url;
  }

  /** Makes the call; completes with its result, never exceptionally. */
  public CompletionStage<ChargeResult> charge(ChargeCall call) {
    String body;
    try {
      body = json.writeValueAsString(call);
    } catch (IOException e) {
      return CompletableFuture.completedFuture(
          new ChargeResult.NoOutcome("the call could not be written: " + e.getMessage()));
    }
    MutableHttpRequest<String> request =
        HttpRequest.POST(url, body)
            .contentType(MediaType.APPLICATION_JSON_TYPE)
            .accept(MediaType.APPLICATION_JSON_TYPE)
            .header(IDEMPOTENCY_KEY, call.idempotencyKey());
    secret.ifPresent(key -> sign(request, key, call.idempotencyKey(), body));
    return FirstAnswer.of(client.exchange(request, String.class))
        .handle(
            (response, failure) ->
                failure == null ? read(response) : new ChargeResult.NoOutcome(describe(failure)));
  }

  private void sign(MutableHttpRequest<String> request, WebhookSecret key, String id, String body) {
    long timestamp = realTime.instant().getEpochSecond();
    request
        .header(WebhookSignature.ID_HEADER, id)
        .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
        .header(
            WebhookSignature.SIGNATURE_HEADER,
            WebhookSignature.sign(List.of(key), id, timestamp, body));
  }

  /** The outcome a 2xx answer holds, or why it holds none. */
  ChargeResult read(HttpResponse<String> response) {
    String body = response.getBody(String.class).orElse("");
    OutcomeJson answer;
    try {
      answer = json.readValue(body, OutcomeJson.class);
    } catch (IOException | RuntimeException e) {
      return new ChargeResult.NoOutcome(
          "the gateway answered " + response.code() + " with a body that is not an outcome");
    }
    if (answer == null || answer.outcome() == null) {
      return new ChargeResult.NoOutcome(
          "the gateway answered " + response.code() + " without an outcome");
    }
    Optional<Outcome> outcome = ValueRules.OUTCOME.parse(answer.outcome());
    if (outcome.isEmpty()) {
      return new ChargeResult.NoOutcome(
          "the gateway answered the outcome \"" + shortened(answer.outcome()) + "\"");
    }
    if (answer.devices24h() != null && answer.devices24h() < 0) {
      return new ChargeResult.NoOutcome("the gateway answered a negative devices_24h");
    }
    String advice = answer.networkAdviceCode();
    if (advice != null && !ValueRules.networkAdviceCode(advice)) {
      return new ChargeResult.NoOutcome("the gateway answered an invalid network_advice_code");
    }
    OptionalInt devices =
        answer.devices24h() == null ? OptionalInt.empty() : OptionalInt.of(answer.devices24h());
    boolean declined = answer.declineCode() != null && !answer.declineCode().isBlank();
    if (outcome.get() == Outcome.SUCCEEDED) {
      if (declined) {
        return new ChargeResult.NoOutcome("the gateway answered a success with a decline code");
      }
      return new ChargeResult.Charged(Outcome.SUCCEEDED, null, devices, advice);
    }
    if (!declined) {
      return new ChargeResult.NoOutcome("the gateway answered a failure without a decline code");
    }
    return new ChargeResult.Charged(
        Outcome.FAILED, ValueRules.declineCode(answer.declineCode()), devices, advice);
  }

  private String describe(Throwable failure) {
    Throwable cause =
        failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof HttpClientResponseException status) {
      return "the gateway answered " + status.code();
    }
    if (cause instanceof ReadTimeoutException) {
      return "the gateway did not answer in time";
    }
    return "the call failed: " + shortened(String.valueOf(cause.getMessage()));
  }

  private static String shortened(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  @PreDestroy
  void close() {
    client.close();
  }
}
