package dev.smartretry.service.testing;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The service's HTTP API as a client sees it: requests with a key, JSON bodies as text, and every
 * answer, errors included, as a {@link Reply}.
 */
public final class Api {
  private final BlockingHttpClient client;
  private final JsonMapper json;

  public Api(HttpClient client, JsonMapper json) {
    this.client = client.toBlocking();
    this.json = json;
  }

  public Reply get(String path, String key) {
    return send(HttpRequest.GET(path).bearerAuth(key));
  }

  /** PUTs {@code body}, JSON text, as application/json. */
  public Reply put(String path, String key, String body) {
    return send(
        HttpRequest.PUT(path, body).contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(key));
  }

  /** POSTs {@code body}, JSON text, as application/json. */
  public Reply post(String path, String key, String body) {
    return send(
        HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(key));
  }

  /** POSTs {@code body}, written as JSON, as application/json. */
  public Reply postJson(String path, String key, Object body) {
    try {
      return post(path, key, json.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Reply delete(String path, String key) {
    return send(HttpRequest.DELETE(path).bearerAuth(key));
  }

  public Reply send(MutableHttpRequest<?> request) {
    try {
      return reply(client.exchange(request, String.class));
    } catch (HttpClientResponseException e) {
      return reply(e.getResponse());
    }
  }

  private Reply reply(HttpResponse<?> response) {
    return new Reply(
        response.code(), response.getHeaders(), response.getBody(String.class).orElse(""), json);
  }
}
