package dev.smartretry.service.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;

/**
 * One instance of the service inside the test, over real HTTP on a free port, with the test's
 * clock: several of them on one database are several instances of a deployment.
 */
public final class ServiceInstance implements AutoCloseable {
  private final EmbeddedServer server;
  private final HttpClient client;
  private final Api api;

  private ServiceInstance(EmbeddedServer server) {
    this.server = server;
    this.client = HttpClient.create(server.getURL());
    this.api = new Api(client, server.getApplicationContext().getBean(JsonMapper.class));
  }

  /**
   * Starts an instance on {@code database} with one API key per role ({@link TestApiKeys}), the
   * shipped default model and {@code clock}.
   *
   * @param settings more settings, or ones to override (the gateway's URL, say)
   */
  public static ServiceInstance start(
      TestDatabase database, SettableClock clock, Map<String, Object> settings) {
    Map<String, Object> properties = new HashMap<>(database.datasourceProperties());
    properties.put(
        "smart-retry.api-keys",
        "billing:"
            + TestApiKeys.BILLING
            + ",admin:"
            + TestApiKeys.ADMIN
            + ",viewer:"
            + TestApiKeys.VIEWER);
    properties.put("micronaut.server.port", -1);
    properties.putAll(settings);
    EmbeddedServer server =
        ApplicationContext.builder()
            .properties(properties)
            .singletons(clock)
            .run(EmbeddedServer.class);
    return new ServiceInstance(server);
  }

  public Api api() {
    return api;
  }

  public <T> T bean(Class<T> type) {
    return server.getApplicationContext().getBean(type);
  }

  /** The plan changes this instance committed. */
  public PlanChangesSeen changes() {
    return bean(PlanChangesSeen.class);
  }

  public ApplicationContext context() {
    return server.getApplicationContext();
  }

  @Override
  public void close() {
    client.close();
    server.getApplicationContext().close();
  }
}
