package dev.smartretry.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smartretry.SmartRetryException;
import dev.smartretry.webhooks.WebhookSecret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The demo's webhook endpoint at the service: added for every event type when the gateway starts
 * ({@code POST /v1/webhook-endpoints}, which shows the secret this once), deleted when it stops.
 */
public final class EventSubscription implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
  private final URI endpoints;
  private final String adminKey;
  private final String id;
  private final WebhookSecret secret;

  private EventSubscription(URI service, String adminKey, URI receiver)
      throws InterruptedException {
    String base = service.toString().replaceAll("/+$", "");
    this.endpoints = URI.create(base + "/v1/webhook-endpoints");
    this.adminKey = adminKey;
    JsonNode answer;
    try {
      HttpResponse<String> reply =
          client.send(
              request(endpoints)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          DemoJson.MAPPER.writeValueAsString(
                              Map.of("url", receiver.toString(), "events", List.of("*")))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (reply.statusCode() != 201) {
        throw new SmartRetryException(
            "the service refused the demo's webhook endpoint ("
                + reply.statusCode()
                + "): "
                + reply.body());
      }
      answer = DemoJson.MAPPER.readTree(reply.body());
    } catch (IOException e) {
      throw new SmartRetryException("cannot add a webhook endpoint at " + endpoints + ": " + e, e);
    }
    this.id = answer.path("id").asText();
    this.secret = WebhookSecret.parse(answer.path("secret").asText());
  }

  /**
   * Adds {@code receiver} as an endpoint for every event at {@code service}.
   *
   * @param adminKey an admin API key of the service
   * @throws SmartRetryException saying why the service did not add it
   */
  public static EventSubscription add(URI service, String adminKey, URI receiver)
      throws InterruptedException {
    return new EventSubscription(service, adminKey, receiver);
  }

  public String id() {
    return id;
  }

  public WebhookSecret secret() {
    return secret;
  }

  /** Deletes the endpoint; the service sends it nothing more. */
  @Override
  public void close() {
    try {
      client.send(
          request(URI.create(endpoints + "/" + id)).DELETE().build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      // The service may be gone first; its endpoint then stays until deleted by hand.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + adminKey)
        .header("Content-Type", "application/json");
  }
}
