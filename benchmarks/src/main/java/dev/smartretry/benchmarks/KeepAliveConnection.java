package dev.smartretry.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection that sends the same request, prepared once as bytes, again and
 * again, one at a time. Why not {@code java.net.http}: on the 2 cores the service is measured on,
 * its client took more than half a core at 1,000 requests/s, time taken from the server it
 * measures. This reads only what a load generator needs: the status and a body of {@code
 * Content-Length} bytes.
 */
final class KeepAliveConnection implements Closeable {
  private static final int TIMEOUT_MILLIS = 10_000;

  private final URI base;
  private final byte[] request;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  KeepAliveConnection(URI base, byte[] request) {
    this.base = base;
    this.request = request;
  }

  /** The request {@code POST path} with {@code headers} ("Name: value" lines) and {@code body}. */
  static byte[] post(URI base, String path, String headers, byte[] body) {
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: "
            + base.getHost()
            + ":"
            + port(base)
            + "\r\n"
            + headers
            + "Content-Length: "
            + body.length
            + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] whole = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, whole, 0, headBytes.length);
    System.arraycopy(body, 0, whole, headBytes.length, body.length);
    return whole;
  }

  /** Sends the request and reads the whole response; returns its status. */
  int send() throws IOException {
    if (socket == null) {
      open();
    }
    try {
      out.write(request);
      out.flush();
      return readResponse();
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  private void open() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(TIMEOUT_MILLIS);
    socket.connect(new InetSocketAddress(base.getHost(), port(base)), TIMEOUT_MILLIS);
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    out = socket.getOutputStream();
  }

  private int readResponse() throws IOException {
    String statusLine = line();
    // "HTTP/1.1 200 OK"
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long length = 0;
    boolean closes = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring("content-length:".length()).trim());
      } else if (lower.startsWith("transfer-encoding:")) {
        throw new IOException("chunked responses are not read here: " + header);
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        closes = true;
      }
    }
    for (long left = length; left > 0; ) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new EOFException("the body ended early");
        }
        skipped = 1;
      }
      left -= skipped;
    }
    if (closes) {
      close();
    }
    return status;
  }

  private String line() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    for (int next = in.read(); next != '\n'; next = in.read()) {
      if (next < 0) {
        throw new EOFException("the connection closed mid-response");
      }
      if (next != '\r') {
        bytes.write(next);
      }
    }
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }

  private static int port(URI base) {
    return base.getPort() > 0 ? base.getPort() : 80;
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Closing is all that is left to do with it.
      }
      socket = null;
    }
  }
}
