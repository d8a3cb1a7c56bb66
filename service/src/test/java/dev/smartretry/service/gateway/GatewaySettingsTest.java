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
    assertThatThrownBy(() -> new GatewaySettings(null, null, Duration.ZERO, null).connectTimeout())
        .hasMessageContaining("gateway-connect-timeout");
  }
}
