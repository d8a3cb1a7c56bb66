package dev.smartretry.service.events;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs events may go to: http or https only, and, unless private addresses are allowed
 * ({@code SMART_RETRY_WEBHOOKS_ALLOW_PRIVATE=true}), only hosts that resolve to public addresses,
 * so that whoever may add an endpoint cannot make the service call into its own network (cloud
 * metadata services, databases, admin pages). Checked when an endpoint is added and again before
 * every try, since what a name resolves to can change.
 */
final class EndpointUrls {
  static final int MAX_LENGTH = 2_048;

  private final boolean allowPrivate;

  EndpointUrls(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /**
   * {@code text} as an endpoint URL.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static URI parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("is required: the http or https URL events go to");
    }
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters");
    }
    URI url;
    try {
      url = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a URL: " + e.getReason());
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("must be an http or https URL");
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw new IllegalArgumentException("must name a host");
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException("must not carry credentials; events are signed instead");
    }
    if (url.getRawFragment() != null) {
      throw new IllegalArgumentException("must not have a fragment");
    }
    return url;
  }

  /** Why events may not go to {@code url} now, if they may not. Resolves its host. */
  Optional<String> refusal(URI url) {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(url.getHost());
    } catch (UnknownHostException e) {
      return Optional.of("its host " + url.getHost() + " does not resolve");
    }
    if (allowPrivate) {
      return Optional.empty();
    }
    for (InetAddress address : addresses) {
      if (isPrivate(address)) {
        return Optional.of(
            "its host "
                + url.getHost()
                + " resolves to "
                + address.getHostAddress()
                + ", a loopback, link-local or private address (allowed only with"
                + " SMART_RETRY_WEBHOOKS_ALLOW_PRIVATE=true)");
      }
    }
    return Optional.empty();
  }

  static boolean isPrivate(InetAddress address) {
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      // 0.0.0.0/8 "this network", 100.64.0.0/10 shared (carrier-grade NAT), 198.18.0.0/15
      // benchmarking, 240.0.0.0/4 reserved and broadcast.
      return first == 0
          || (first == 100 && second >= 64 && second < 128)
          || (first == 198 && (second == 18 || second == 19))
          || first >= 240;
    }
    if (address instanceof Inet6Address) {
      // fc00::/7 unique local; an IPv4 address mapped into IPv6 is judged as itself.
      if ((bytes[0] & 0xfe) == 0xfc) {
        return true;
      }
      if (isMappedIpv4(bytes)) {
        try {
          return isPrivate(
              InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}));
        } catch (UnknownHostException e) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isMappedIpv4(byte[] bytes) {
    for (int index = 0; index < 10; index++) {
      if (bytes[index] != 0) {
        return false;
      }
    }
    return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
  }
}
