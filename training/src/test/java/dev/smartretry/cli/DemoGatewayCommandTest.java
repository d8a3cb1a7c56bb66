package dev.smartretry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The demo-gateway command's failures: each ends before the gateway would serve, so none of these
 * runs blocks. Serving itself is tested in dev.smartretry.demo.
 */
class DemoGatewayCommandTest {
  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''| Missing required option: '--port=P'",
        "--port 70000| --port must be 0 to 65535 (0: any free port): 70000",
        "--port 0 --first-invoice -1| --first-invoice must not be negative: -1",
        "--port 0 --register 5 --service http://localhost:8080| Missing required argument(s):"
            + " --api-key=KEY",
        "--port 0 --service http://localhost:8080| Missing required argument(s): --register=N",
        "--port 0 --register 0 --service http://localhost:8080 --api-key k| --register must be 1"
            + " to 1000000: 0",
        "--port 0 --register 5 --days 0 --service http://localhost:8080 --api-key k| --days must"
            + " be 1 to 366: 0",
        "--port 0 --register 5 --service ftp://localhost --api-key k| --service must be an"
            + " http(s) URL with a host",
        "--port 0 --register 5 --service http://localhost:8080 --api-key k --failed-before"
            + " yesterday| Invalid value for option '--failed-before'",
        "--port 0 --host no-such-host.invalid| --host: no such host or address:"
            + " no-such-host.invalid",
        "--port 0 --events-from ftp://localhost --admin-key k| --events-from must be an http(s)"
            + " URL with a host",
        "--port 0 --events-from http://localhost:8080| Missing required argument(s):"
            + " --admin-key=KEY",
      })
  void aUsageMistakeExitsWith2AndSaysWhich(String arguments, String message) {
    String[] args = ("demo-gateway " + arguments).strip().split(" +");

    CliRun run = CliRun.of(args);

    run.isAUsageMistake("smart-retry demo-gateway", message);
  }

  @Test
  void aBadSecretIsRefusedWithoutRepeatingIt() {
    String secret = "whsec_tooShortToBeASecret";

    CliRun run = CliRun.of("demo-gateway", "--port", "0", "--secret", secret);

    run.isAUsageMistake(
        "smart-retry demo-gateway", "--secret must be whsec_ followed by the base64 of 24 to 64");
    assertThat(run.err()).doesNotContain("tooShort");
  }

  @Test
  @Timeout(60) // A guard only: bound to a port in use, the command must fail at once.
  void aPortInUseEndsWithOneLineNamingIt() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      CliRun run = CliRun.of("demo-gateway", "--port", Integer.toString(port));

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err().lines()).hasSize(1);
      assertThat(run.err()).startsWith("error: cannot listen on 127.0.0.1 port " + port + ": ");
    }
  }

  @Test
  @Timeout(60) // A guard only: the registration fails before the gateway would serve on.
  void registeringADayOutsideTheWorldEndsWithItsHistoryWindow() {
    CliRun run =
        CliRun.of(
            "demo-gateway",
            "--port",
            "0",
            "--register",
            "5",
            "--service",
            "http://127.0.0.1:9",
            "--api-key",
            "k",
            "--failed-before",
            "2030-01-01T00:00:00Z");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith("demo billing system: POST http://127.0.0.1:");
    assertThat(run.err().strip())
        .isEqualTo(
            "error: found 0 of 5 invoices whose original charge failed in"
                + " [2029-12-31T00:00:00Z, 2030-01-01T00:00:00Z); this world's first failures"
                + " fall from 2025-01-01 to 2026-06-30 (its history window): ask for a day inside"
                + " it");
  }

  @Test
  @Timeout(60) // A guard only: adding the endpoint fails before the gateway would serve on.
  void aServiceThatCannotBeReachedForEventsEndsWithOneLine() {
    CliRun run =
        CliRun.of(
            "demo-gateway",
            "--port",
            "0",
            "--events-from",
            "http://127.0.0.1:9",
            "--admin-key",
            "k");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip())
        .startsWith(
            "error: cannot add a webhook endpoint at http://127.0.0.1:9/v1/webhook-endpoints")
        .doesNotContain("\n");
  }

  @Test
  void helpListsTheOptions() {
    CliRun run = CliRun.of("demo-gateway", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("--port=P", "--host=HOST", "--seed=S", "--config=FILE", "--first-invoice=I")
        .contains("--secret=whsec_...", "--quiet", "--register=N", "--service=URL")
        .contains("--api-key=KEY", "--failed-before=T", "--policy=NAME")
        .contains("--events-from=URL", "--admin-key=KEY");
  }
}
