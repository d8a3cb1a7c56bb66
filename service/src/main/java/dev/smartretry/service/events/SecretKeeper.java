package dev.smartretry.service.events;

import dev.smartretry.service.problem.ServiceProblem;
import dev.smartretry.webhooks.WebhookSecret;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key that seals the endpoints' signing secrets ({@code SMART_RETRY_SECRET_KEY}), and the
 * secrets it opens. A malformed key stops the start whenever it is set; a missing one stops it once
 * endpoints exist, since their secrets could not be opened, and until then adding an endpoint
 * answers 503 naming the variable. No message repeats the key.
 */
@Singleton
final class SecretKeeper {
  private final Optional<SecretBox> box;
  private final WebhookEndpoints endpoints;
  private final TransactionOperations<Connection> transactions;
  // Opening is cheap, but every delivery would do it: sealed text to secret.
  private final Map<String, WebhookSecret> opened = new ConcurrentHashMap<>();

  SecretKeeper(
      EventSettings settings,
      WebhookEndpoints endpoints,
      TransactionOperations<Connection> transactions) {
    this.box = settings.secretBox();
    this.endpoints = endpoints;
    this.transactions = transactions;
  }

  @EventListener
  void checkAtStart(StartupEvent started) {
    if (box.isEmpty() && transactions.executeRead(status -> endpoints.count()) > 0) {
      throw new ConfigurationException(
          EventSettings.SECRET_KEY
              + " (smart-retry.secret-key) is not set, but webhook endpoints exist whose secrets"
              + " it sealed: set it to the key they were sealed with");
    }
  }

  /** The box that seals new secrets; 503 without a key. */
  SecretBox box() {
    return box.orElseThrow(
        () ->
            ServiceProblem.unavailable(
                "No key to seal webhook secrets with: set "
                    + EventSettings.SECRET_KEY
                    + " to 32 random bytes in base64 (openssl rand -base64 32) to add endpoints."));
  }

  /**
   * The secrets that sign for {@code endpoint} at {@code now}: its own, and the one it replaced
   * while that still signs.
   */
  List<WebhookSecret> signing(
      String sealed,
      @Nullable String previousSealed,
      @Nullable Instant previousUntil,
      Instant now) {
    List<WebhookSecret> secrets = new ArrayList<>(2);
    secrets.add(open(sealed));
    if (previousSealed != null && previousUntil != null && now.isBefore(previousUntil)) {
      secrets.add(open(previousSealed));
    }
    return secrets;
  }

  private WebhookSecret open(String sealed) {
    return opened.computeIfAbsent(
        sealed,
        text ->
            WebhookSecret.parse(
                box.orElseThrow(
                        () ->
                            new IllegalStateException(
                                EventSettings.SECRET_KEY + " is needed to open webhook secrets"))
                    .open(text)));
  }
}
