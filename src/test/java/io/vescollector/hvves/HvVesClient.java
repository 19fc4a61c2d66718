package io.vescollector.hvves;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** An HV-VES sender on a plain blocking socket, as simple as xNF clients are. */
final class HvVesClient implements AutoCloseable {
  private final Socket socket = new Socket();

  HvVesClient(int port) {
    try {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setTcpNoDelay(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  HvVesClient send(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether the collector closed the connection within {@code within}: a read sees the end of the stream
   * or a reset. The collector never writes, so any byte read is a failure.
   */
  boolean closedByCollector(Duration within) {
    try {
      socket.setSoTimeout((int) within.toMillis());
      InputStream in = socket.getInputStream();
      int b = in.read();
      if (b >= 0) {
        throw new AssertionError("the collector wrote to an HV-VES client: " + b);
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true; // reset
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Socket socket() {
    return socket;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing only
    }
  }
}
