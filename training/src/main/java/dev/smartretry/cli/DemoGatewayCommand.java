package dev.smartretry.cli;

import dev.smartretry.demo.DemoBillingSystem;
import dev.smartretry.demo.DemoGateway;
import dev.smartretry.demo.EventSubscription;
import dev.smartretry.demo.FailureRegistration;
import dev.smartretry.demo.GatewayLog;
import dev.smartretry.demo.GatewayStats;
import dev.smartretry.demo.RecentFailures;
import dev.smartretry.demo.RegistrationReport;
import dev.smartretry.generator.World;
import dev.smartretry.generator.WorldInvoice;
import dev.smartretry.webhooks.WebhookSecret;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "demo-gateway",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a demo billing system for the service's scheduler: its charge endpoint (POST /charge,"
          + " the service's SMART_RETRY_GATEWAY_URL) answers each retry with the outcome the"
          + " generator's world gives a retry at its attempted_at. Invoice in_demo_<index> is the"
          + " world's invoice <index>. GET /stats counts charges, repeated calls and refusals;"
          + " GET /health answers UP.",
      "With --events-from, it adds its POST /events as the service's webhook endpoint for every"
          + " event, checks each event's signature with the secret the service showed, and prints"
          + " a line per event; the endpoint is deleted when the gateway stops.",
      "With --register, it first hands the service the invoices whose original charge failed in"
          + " the day before --failed-before, as a billing system would after its billing run."
          + " It serves until stopped (Ctrl-C)."
    })
final class DemoGatewayCommand implements Callable<Integer> {
  /** Registrations asked at most: a day of a large billing system, minutes of scanning. */
  private static final int MOST_REGISTRATIONS = 1_000_000;

  /** Days of failures registered at most: a world's history covers about a year. */
  private static final int MOST_DAYS = 366;

  /** How often the service's clock is read while waiting for a day to end there. */
  private static final Duration CLOCK_CHECK = Duration.ofMillis(500);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--port",
      required = true,
      paramLabel = "P",
      description = "Port to listen on, 0 for any free port (the port bound is printed).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      paramLabel = "HOST",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  @CommandLine.Mixin WorldOptions world;

  @Option(
      names = "--first-invoice",
      defaultValue = "1000000000",
      paramLabel = "I",
      description =
          "Least world invoice index charged and registered (default: ${DEFAULT-VALUE}, beyond any"
              + " generated history, so the model has not seen these invoices).")
  long firstInvoice;

  @Option(
      names = "--secret",
      paramLabel = "whsec_...",
      description =
          "The service's SMART_RETRY_GATEWAY_SECRET: every charge call must then be signed with"
              + " it (else 401). Unset: signatures are ignored.")
  String secret;

  @Option(names = "--quiet", description = "Print no line per charge call.")
  boolean quiet;

  @ArgGroup(exclusive = false, heading = "%nReceiving the service's events:%n")
  Subscription subscription;

  static final class Subscription {
    @Option(
        names = "--events-from",
        required = true,
        paramLabel = "URL",
        description =
            "The service whose events to receive, e.g. http://localhost:8080. It needs"
                + " SMART_RETRY_SECRET_KEY, and SMART_RETRY_WEBHOOKS_ALLOW_PRIVATE=true to send"
                + " to this machine.")
    URI service;

    @Option(
        names = "--admin-key",
        required = true,
        paramLabel = "KEY",
        description = "An admin API key of the service, to add and delete the endpoint.")
    String adminKey;
  }

  @ArgGroup(exclusive = false, heading = "%nRegistering failed invoices with the service:%n")
  Registration registration;

  static final class Registration {
    @Option(
        names = "--register",
        required = true,
        paramLabel = "N",
        description = "Register N failed invoices once the gateway listens.")
    int count;

    @Option(
        names = "--service",
        required = true,
        paramLabel = "URL",
        description = "The service, e.g. http://localhost:8080.")
    URI service;

    @Option(
        names = "--api-key",
        required = true,
        paramLabel = "KEY",
        description = "A billing (or admin) API key of the service.")
    String apiKey;

    @Option(
        names = "--failed-before",
        defaultValue = "2026-03-02T00:00:00Z",
        paramLabel = "T",
        description =
            "Register invoices whose original charge failed in [T - 1 day, T) (default:"
                + " ${DEFAULT-VALUE}); start the service's simulation clock at T.")
    Instant failedBefore;

    @Option(
        names = "--days",
        defaultValue = "1",
        paramLabel = "D",
        description =
            "Register N invoices of each of D days, the first ending at --failed-before: each"
                + " day's once the service's clock has passed its end, as a billing system"
                + " would (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(
        names = "--policy",
        paramLabel = "NAME",
        description = "The service's policy to retry them under (default: its routing rules).")
    String policy;
  }

  @Override
  public Integer call() throws InterruptedException {
    Optional<WebhookSecret> signing = checkOptions();
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--host: no such host or address: " + host);
    }
    DemoBillingSystem system = new DemoBillingSystem(world.world(), firstInvoice);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (DemoGateway gateway =
        DemoGateway.start(
            address, system, signing, Clock.systemUTC(), new GatewayLog(out, err, quiet))) {
      out.printf(
          "demo billing system: POST %s charges in_demo_%d and later invoices of world seed %d;"
              + " signatures %s%n",
          gateway.chargeUrl(),
          firstInvoice,
          world.seed,
          signing.isPresent() ? "required" : "ignored");
      out.flush();
      EventSubscription events = subscription == null ? null : subscribe(gateway, out);
      if (registration != null) {
        registerDays(system.world(), out);
      }
      // On Ctrl-C: stop listening and say what was served.
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    if (events != null) {
                      events.close();
                    }
                    gateway.close();
                    out.println(summary(gateway.stats()));
                    out.flush();
                  },
                  "demo-gateway-stop"));
      gateway.awaitClose();
    }
    return 0;
  }

  private EventSubscription subscribe(DemoGateway gateway, PrintWriter out)
      throws InterruptedException {
    EventSubscription events =
        EventSubscription.add(subscription.service, subscription.adminKey, gateway.eventsUrl());
    gateway.receiveEventsWith(events.secret());
    out.printf(
        "events: POST %s receives every event of %s as webhook endpoint %s; signatures"
            + " verified%n",
        gateway.eventsUrl(), subscription.service, events.id());
    out.flush();
    return events;
  }

  private Optional<WebhookSecret> checkOptions() {
    if (port < 0 || port > 65_535) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--port must be 0 to 65535 (0: any free port): " + port);
    }
    if (firstInvoice < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--first-invoice must not be negative: " + firstInvoice);
    }
    if (registration != null) {
      if (registration.days < 1 || registration.days > MOST_DAYS) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--days must be 1 to " + MOST_DAYS + ": " + registration.days);
      }
      if (registration.count < 1 || registration.count > MOST_REGISTRATIONS) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--register must be 1 to " + MOST_REGISTRATIONS + ": " + registration.count);
      }
      URI service = registration.service;
      boolean web = "http".equals(service.getScheme()) || "https".equals(service.getScheme());
      if (!web || service.getHost() == null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--service must be an http(s) URL with a host, like http://localhost:8080: " + service);
      }
    }
    if (subscription != null) {
      URI service = subscription.service;
      boolean web = "http".equals(service.getScheme()) || "https".equals(service.getScheme());
      if (!web || service.getHost() == null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--events-from must be an http(s) URL with a host, like http://localhost:8080: "
                + service);
      }
    }
    if (secret == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(WebhookSecret.parse(secret));
    } catch (IllegalArgumentException e) {
      // The message never repeats the secret, so it cannot end up in a terminal's scrollback.
      throw new CommandLine.ParameterException(spec.commandLine(), "--secret " + e.getMessage());
    }
  }

  /**
   * Registers each day's failures once the service's clock has passed the day's end; waits for the
   * service's clock by asking it every {@link #CLOCK_CHECK}.
   */
  private void registerDays(World world, PrintWriter out) throws InterruptedException {
    FailureRegistration registering =
        new FailureRegistration(
            registration.service, registration.apiKey, Optional.ofNullable(registration.policy));
    for (int day = 0; day < registration.days; day++) {
      Instant before = registration.failedBefore.plus(Duration.ofDays(day));
      if (day > 0) {
        awaitServiceClock(registering, before, out);
      }
      register(world, registering, before, out);
    }
  }

  private static void awaitServiceClock(
      FailureRegistration registering, Instant until, PrintWriter out) throws InterruptedException {
    while (true) {
      try {
        if (!registering.serviceClock().isBefore(until)) {
          return;
        }
      } catch (IOException e) {
        out.println("the service's clock cannot be read yet: " + e.getMessage());
        out.flush();
      }
      Thread.sleep(CLOCK_CHECK.toMillis());
    }
  }

  private void register(
      World world, FailureRegistration registering, Instant before, PrintWriter out)
      throws InterruptedException {
    long started = System.nanoTime();
    List<WorldInvoice> invoices =
        RecentFailures.find(world, firstInvoice, registration.count, before);
    out.printf(
        "found %,d invoices whose original charge failed in [%s, %s): in_demo_%d to in_demo_%d"
            + " (%.1f s)%n",
        invoices.size(),
        before.minus(RecentFailures.LOOKBACK),
        before,
        invoices.get(0).index(),
        invoices.get(invoices.size() - 1).index(),
        (System.nanoTime() - started) / 1e9);
    out.flush();
    started = System.nanoTime();
    RegistrationReport report = registering.register(invoices);
    out.printf(
        "registered %,d failed invoices at %s in %.1f s: %,d new (201), %,d already registered"
            + " (200), %,d refused, %,d unanswered%n",
        report.total(),
        registering.endpoint(),
        (System.nanoTime() - started) / 1e9,
        report.registered(),
        report.alreadyRegistered(),
        report.refused(),
        report.unanswered());
    report.problems().forEach(problem -> out.println("  " + problem));
    out.flush();
  }

  private static String summary(GatewayStats stats) {
    return String.format(
        "served %,d charges (%,d succeeded, %,d failed) on %,d invoices, %,d repeated calls,"
            + " %,d refused; double charges: %,d; events: %,d received, %,d repeated, %,d"
            + " refused",
        stats.charges(),
        stats.succeeded(),
        stats.failed(),
        stats.invoicesSeen(),
        stats.repeatedCalls(),
        stats.refused(),
        stats.doubleCharges(),
        stats.eventsReceived(),
        stats.eventsRepeated(),
        stats.eventsRefused());
  }
}
