package dev.smartretry.service.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay between the service and the test's PostgreSQL, which the test can cut: every open
 * connection is closed and new ones are refused, as when the database goes away, until it is
 * restored. Only 127.0.0.1, one thread per direction of each connection.
 */
public final class DatabaseProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;

  private DatabaseProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "database-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A relay to the PostgreSQL of {@code database}. */
  public static DatabaseProxy to(TestDatabase database) {
    try {
      java.net.URI uri = java.net.URI.create(database.url().substring("jdbc:".length()));
      return new DatabaseProxy(new InetSocketAddress(uri.getHost(), uri.getPort()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The settings that point the service at {@code database} through this relay. */
  public String url(TestDatabase database) {
    java.net.URI uri = java.net.URI.create(database.url().substring("jdbc:".length()));
    return "jdbc:postgresql://127.0.0.1:" + server.getLocalPort() + uri.getPath();
  }

  /** Closes every connection and refuses new ones: the database is away. */
  public void cut() {
    cut = true;
    for (Socket socket : open) {
      closeQuietly(socket);
    }
  }

  /** Relays again. */
  public void restore() {
    cut = false;
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (cut) {
        closeQuietly(client);
        continue;
      }
      try {
        Socket upstream = new Socket(target.getAddress(), target.getPort());
        open.add(client);
        open.add(upstream);
        relay(client, upstream);
        relay(upstream, client);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void relay(Socket from, Socket to) {
    Thread pump =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // The other side or a cut closed it.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "database-proxy-pump");
    pump.setDaemon(true);
    pump.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is all that is asked.
    }
  }

  @Override
  public void close() {
    cut();
    try {
      server.close();
    } catch (IOException e) {
      // Closing is all that is asked.
    }
  }
}
