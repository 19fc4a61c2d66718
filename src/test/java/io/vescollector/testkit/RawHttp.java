package io.vescollector.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for requests an HTTP client will not send: a lying Content-Length,
 * invalid bytes, a body sent one byte a second. Reads one answer and says whether the server then
 * closed the connection.
 */
public final class RawHttp implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  public RawHttp(int port) throws IOException {
    this(new Socket("127.0.0.1", port));
  }

  /**
   * A connection from a loopback address of the test's choosing (any of 127.0.0.0/8), so that tests can
   * be several clients on one machine.
   */
  public RawHttp(String localAddress, int port) throws IOException {
    this(new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(localAddress), 0));
  }

  /** Over a socket the caller connected (e.g. TLS, or from another local address). */
  public RawHttp(Socket connected) throws IOException {
    socket = connected;
    socket.setSoTimeout(30_000);
    out = socket.getOutputStream();
    in = socket.getInputStream();
  }

  /** The request line and headers of a POST with a JSON content type; add the body (or not) yourself. */
  public static String head(String path, String... extraHeaders) {
    StringBuilder b = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (String h : extraHeaders) {
      b.append(h).append("\r\n");
    }
    return b.append("\r\n").toString();
  }

  public RawHttp send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  public RawHttp send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  public Socket socket() {
    return socket;
  }

  /** Reads one answer (status, headers, body by Content-Length), waiting at most {@code timeoutMs}. */
  public Answer read(int timeoutMs) throws IOException {
    socket.setSoTimeout(timeoutMs);
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before an answer (read: " + head + ")");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String headText = head.toString(StandardCharsets.ISO_8859_1);
    int status = Integer.parseInt(headText.substring(9, 12));
    int length = 0;
    for (String line : headText.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    return new Answer(status, headText, new String(body, StandardCharsets.UTF_8));
  }

  /** True when the server closed the connection within {@code timeoutMs} (end of stream or reset). */
  public boolean closedWithin(int timeoutMs) throws IOException {
    socket.setSoTimeout(timeoutMs);
    try {
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** One HTTP answer. */
  public record Answer(int status, String head, String body) {
    public String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }
}
