package dev.smartretry.service.scheduler;

import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * This instance, as the owner of the leases it takes: the host, the process and a random part, so
 * that a restarted process never mistakes its predecessor's leases for its own.
 */
@Singleton
public final class SchedulerInstance {
  private final String id;

  SchedulerInstance() {
    this.id =
        host()
            + "/"
            + ProcessHandle.current().pid()
            + "/"
            + UUID.randomUUID().toString().substring(0, 8);
  }

  public String id() {
    return id;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }

  @Override
  public String toString() {
    return id;
  }
}
