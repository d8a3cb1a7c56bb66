package dev.smartretry.service.events;

import dev.smartretry.webhooks.WebhookSecret;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The webhook endpoints: added with a new secret (shown once), listed, deleted with their
 * deliveries, and given a new secret while the old one keeps signing for {@link #ROTATION_OVERLAP}.
 * Secrets are stored sealed ({@link SecretBox}).
 */
@Singleton
final class EndpointRegistry {
  /** How long a replaced secret keeps signing beside the new one. */
  static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

  private static final String ID_ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final int ID_LENGTH = 24;

  private final WebhookEndpoints endpoints;
  private final SecretKeeper secrets;
  private final TransactionOperations<Connection> transactions;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  EndpointRegistry(
      WebhookEndpoints endpoints,
      SecretKeeper secrets,
      TransactionOperations<Connection> transactions,
      Clock clock) {
    this.endpoints = endpoints;
    this.secrets = secrets;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Adds an endpoint; the answer carries its secret, the only time it is shown. */
  EndpointJson add(URI url, List<String> events) {
    SecretBox box = secrets.box();
    WebhookSecret secret = WebhookSecret.generate(random);
    Instant now = clock.instant();
    WebhookEndpoint endpoint =
        new WebhookEndpoint(
            "we_" + randomId(),
            url.toString(),
            events,
            WebhookEndpoint.ENABLED,
            null,
            box.seal(secret.text()),
            null,
            null,
            now,
            now);
    return EndpointJson.of(
        transactions.executeWrite(status -> endpoints.save(endpoint)), secret.text());
  }

  List<EndpointJson> all() {
    return transactions.executeRead(
        status -> endpoints.all().stream().map(e -> EndpointJson.of(e, null)).toList());
  }

  Optional<EndpointJson> find(String id) {
    return transactions.executeRead(
        status -> endpoints.findById(id).map(e -> EndpointJson.of(e, null)));
  }

  /** Deletes the endpoint and its deliveries; says whether there was one. */
  boolean delete(String id) {
    return transactions.executeWrite(status -> endpoints.delete(id)) == 1;
  }

  /** Gives the endpoint a new secret, shown in the answer; empty if there is no such endpoint. */
  Optional<EndpointJson> rotate(String id) {
    SecretBox box = secrets.box();
    WebhookSecret secret = WebhookSecret.generate(random);
    Instant now = clock.instant();
    return transactions.executeWrite(
        status -> {
          if (endpoints.rotate(id, box.seal(secret.text()), now.plus(ROTATION_OVERLAP), now) == 0) {
            return Optional.empty();
          }
          return endpoints.findById(id).map(e -> EndpointJson.of(e, secret.text()));
        });
  }

  private String randomId() {
    StringBuilder id = new StringBuilder(ID_LENGTH);
    for (int index = 0; index < ID_LENGTH; index++) {
      id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
    }
    return id.toString();
  }
}
