package io.vescollector.tools.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The counted request bytes are the bytes a server reads from the comparison's HTTP client, exactly. */
class HttpRequestBytesTest {

  @Test
  void formulaMatchesTheBytesOnTheSocket() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      byte[] body = "{\"event\":{\"commonEventHeader\":{}}}".repeat(40).getBytes(StandardCharsets.UTF_8);
      HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true));
      client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(server.getLocalPort())
              .setURI(VesSender.BATCH_URI))
          .compose(req -> req.putHeader("content-type", "application/json").send(Buffer.buffer(body)));
      try (Socket s = server.accept()) {
        s.setSoTimeout(1_000);
        long expected = new HttpRequestBytes("127.0.0.1", server.getLocalPort(), VesSender.BATCH_URI).of(body.length);
        assertEquals(expected, readAll(s.getInputStream(), expected + 1));
      }
    } finally {
      vertx.close().await();
    }
  }

  /** Reads until {@code limit} bytes or the client stops sending (read timeout after the request). */
  private static long readAll(InputStream in, long limit) throws Exception {
    long n = 0;
    byte[] buf = new byte[8192];
    try {
      int r;
      while (n < limit && (r = in.read(buf)) >= 0) {
        n += r;
      }
    } catch (SocketTimeoutException requestComplete) {
      // the client waits for an answer: everything was read
    }
    return n;
  }
}
