package dev.smartretry.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** A JSON answer on an exchange. */
final class JsonReply {
  private JsonReply() {}

  static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = DemoJson.MAPPER.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** {@code {"error": "..."}}: the message names the field or header at fault and why. */
  static void error(HttpExchange exchange, int status, String message) throws IOException {
    send(exchange, status, Map.of("error", message));
  }
}
