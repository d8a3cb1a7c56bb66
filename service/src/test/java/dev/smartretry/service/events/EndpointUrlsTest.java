package dev.smartretry.service.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which URLs and addresses events may go to. */
class EndpointUrlsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.8.9.10",
        "10.1.2.3",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1",
        "169.254.169.254",
        "0.0.0.0",
        "100.64.0.1",
        "198.18.0.1",
        "224.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fd12:3456::1",
        "::ffff:10.0.0.1",
        "::ffff:127.0.0.1"
      })
  void privateAddressesAreRefused(String address) throws UnknownHostException {
    assertThat(EndpointUrls.isPrivate(InetAddress.getByName(address))).isTrue();
    assertThat(new EndpointUrls(false).refusal(url(address)))
        .hasValueSatisfying(reason -> assertThat(reason).contains("private"));
    assertThat(new EndpointUrls(true).refusal(url(address))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111"})
  void publicAddressesAreAllowed(String address) throws UnknownHostException {
    assertThat(EndpointUrls.isPrivate(InetAddress.getByName(address))).isFalse();
    assertThat(new EndpointUrls(false).refusal(url(address))).isEmpty();
  }

  private static URI url(String address) {
    return URI.create(
        "https://" + (address.contains(":") ? "[" + address + "]" : address) + "/hooks");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://billing.example/hooks",
        "file:///etc/passwd",
        "billing.example/hooks",
        "https://",
        "https://user:secret@billing.example/hooks",
        "https://billing.example/hooks#part",
        "https://billing example/hooks",
        ""
      })
  void malformedUrlsAreRefused(String url) {
    assertThatThrownBy(() -> EndpointUrls.parse(url)).isInstanceOf(IllegalArgumentException.class);
  }

  @org.junit.jupiter.api.Test
  void aLongUrlIsRefusedAndAPlainOneKept() {
    assertThatThrownBy(() -> EndpointUrls.parse("https://billing.example/" + "a".repeat(2_100)))
        .hasMessageContaining("2048");
    assertThat(EndpointUrls.parse("https://billing.example/hooks?source=smart-retry"))
        .hasToString("https://billing.example/hooks?source=smart-retry");
  }
}
