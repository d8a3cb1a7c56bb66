package dev.smartretry.service.events;

import dev.smartretry.service.gateway.FirstAnswer;
import dev.smartretry.webhooks.WebhookSecret;
import dev.smartretry.webhooks.WebhookSignature;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one try of an event, signed after Standard Webhooks, with Micronaut's non-blocking client
 * (one per endpoint origin, which pools its connections): no thread waits on an endpoint, and one
 * that never answers holds only its own tries, each up to the timeout. Never throws for the
 * endpoint's behaviour: every way a try can fail is a {@link TryResult.NoAnswer}.
 */
@Singleton
final class WebhookSender {
  /** An endpoint's answer is read only for its status; a large body is not waited for. */
  private static final int MAX_ANSWER_BYTES = 64 * 1024;

  private final Duration timeout;
  private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
  // Signatures carry real time: a receiver checks them against its own clock.
  private final Clock realTime = Clock.systemUTC();

  WebhookSender(EventSettings settings) {
    this.timeout = settings.timeout();
  }

  CompletionStage<TryResult> send(
      URI url, String eventId, String body, List<WebhookSecret> secrets) {
    long timestamp = realTime.instant().getEpochSecond();
    HttpRequest<String> request =
        HttpRequest.POST(url, body)
            .contentType(MediaType.APPLICATION_JSON_TYPE)
            .header("User-Agent", "smart-retry-webhooks")
            .header(WebhookSignature.ID_HEADER, eventId)
            .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
            .header(
                WebhookSignature.SIGNATURE_HEADER,
                WebhookSignature.sign(secrets, eventId, timestamp, body));
    HttpClient client;
    try {
      client = client(url);
    } catch (MalformedURLException | IllegalArgumentException e) {
      return CompletableFuture.completedFuture(
          new TryResult.NoAnswer("the URL cannot be called: " + e.getMessage()));
    }
    return FirstAnswer.of(client.exchange(request, String.class))
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (response, failure) ->
                failure == null ? new TryResult.Answered(response.code()) : answerIn(failure));
  }

  private HttpClient client(URI url) throws MalformedURLException {
    String origin = url.getScheme().toLowerCase() + "://" + url.getRawAuthority();
    HttpClient known = clients.get(origin);
    if (known != null) {
      return known;
    }
    DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
    configuration.setConnectTimeout(timeout);
    configuration.setReadTimeout(timeout);
    configuration.setMaxContentLength(MAX_ANSWER_BYTES);
    configuration.setFollowRedirects(false);
    HttpClient created = HttpClient.create(URI.create(origin).toURL(), configuration);
    HttpClient raced = clients.putIfAbsent(origin, created);
    if (raced != null) {
      created.close();
      return raced;
    }
    return created;
  }

  /** A non-2xx answer is still an answer; anything else is none. */
  private TryResult answerIn(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof HttpClientResponseException status) {
      return new TryResult.Answered(status.code());
    }
    if (cause instanceof ReadTimeoutException || cause instanceof TimeoutException) {
      return new TryResult.NoAnswer("no answer within " + timeout.toSeconds() + " s");
    }
    String message = String.valueOf(cause.getMessage());
    return new TryResult.NoAnswer(
        "the call failed: " + (message.length() > 200 ? message.substring(0, 200) : message));
  }

  @PreDestroy
  void close() {
    clients.values().forEach(HttpClient::close);
  }
}
