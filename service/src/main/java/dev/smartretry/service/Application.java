package dev.smartretry.service;

import dev.smartretry.service.database.EmbeddedDatabase;
import io.micronaut.context.env.CommandLinePropertySource;
import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import io.micronaut.context.env.SystemPropertiesPropertySource;
import io.micronaut.core.cli.CommandLine;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.runtime.Micronaut;
import java.util.Map;

/** Starts the service. */
public final class Application {
  private Application() {}

  public static void main(String[] args) {
    prepare(Map.of(), args).start();
  }

  /**
   * The service's context, ready to build or start, with its database decided: the configured
   * {@code datasources.default.url}, else an {@link EmbeddedDatabase} started here. The decision
   * comes before the context exists so that Hikari and Flyway only ever see a complete datasource.
   * Tests start the service through here to exercise the same wiring as {@code main}.
   *
   * @param properties settings on top of the environment, system properties and arguments
   */
  public static Micronaut prepare(Map<String, Object> properties, String... args) {
    Micronaut micronaut =
        Micronaut.build(args).mainClass(Application.class).banner(false).properties(properties);
    EmbeddedDatabase.startUnlessConfigured(startupSettings(properties, args))
        .ifPresent(
            database -> micronaut.properties(database.datasourceProperties()).singletons(database));
    return micronaut;
  }

  /**
   * What is known before the context reads its configuration files, named as Micronaut names it
   * ({@code SMART_RETRY_DATA_DIR} is {@code smart-retry.data-dir}); the later sources win.
   */
  private static PropertyResolver startupSettings(Map<String, Object> properties, String[] args) {
    return new PropertySourcePropertyResolver(
        new EnvironmentPropertySource(),
        new SystemPropertiesPropertySource(),
        new CommandLinePropertySource(CommandLine.parse(args)),
        PropertySource.of(properties));
  }
}
