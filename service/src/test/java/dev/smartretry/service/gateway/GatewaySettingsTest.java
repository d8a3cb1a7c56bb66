package dev.smartretry.service.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatewaySettingsTest {
  @Test
  void anHttpUrlIsTheChargeEndpoint() {
    assertThat(new GatewaySettings(" https://billing.example/charge ", null, null, null).url())
        .contains(URI.create("https://billing.example/charge"));
    assertThat(new GatewaySettings(null, null, null, null).url()).isEmpty();
    assertThat(new GatewaySettings("  ", null, null, null).url()).isEmpty();
  }

  @Test
  void refusesWhatIsNoHttpUrl() {
    for (String url :
        new String[] {"ftp://billing.example/charge", "billing.example", "http://", "::"}) {
      assertThatThrownBy(() -> new GatewaySettings(url, null, null, null).url())
          .as(url)
          .hasMessageContaining(
              "SMART_RETRY_GATEWAY_URL (smart-retry.gateway-url) must be an http");
    }
  }

  @Test
  void refusesAMalformedSecretWithoutRepeatingIt() {
    assertThatThrownBy(() -> new GatewaySettings(null, "hunter2-secret", null, null).secret())
        .hasMessageContaining("SMART_RETRY_GATEWAY_SECRET")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void timeoutsHaveDefaultsAndMustBePositive() {
    GatewaySettings defaults = new GatewaySettings(null, null, null, null);
    assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(new GatewaySettings(null, null, "2s", "PT1M").readTimeout())
        .isEqualTo(Duration.ofMinutes(1));
    assertThatThrownBy(() -> new GatewaySettings(null, null, "0s", null).connectTimeout())
        .hasMessage("SMART_RETRY_GATEWAY_CONNECT_TIMEOUT must be longer than zero");
    // Micronaut alone would take a value it cannot read as absent, and run with the default.
    assertThatThrownBy(() -> new GatewaySettings(null, null, null, "30 seconds").readTimeout())
        .hasMessage(
            "SMART_RETRY_GATEWAY_READ_TIMEOUT must be a duration such as 500ms, 30s, 2m, 1d or"
                + " PT30S, not 30 seconds");
  }
}
