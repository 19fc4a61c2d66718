package io.vescollector.tools.compare;

import java.nio.charset.StandardCharsets;

/**
 * Bytes of an HTTP/1.1 POST as the comparison's client writes it: request line, the headers Vert.x's
 * HttpClient sends (host, content-type as set, content-length), the blank line and the body. TCP/IP
 * headers and the response are not counted. A test checks the formula against the bytes a socket reads.
 */
public final class HttpRequestBytes {
  private final int fixed;

  public HttpRequestBytes(String host, int port, String uri) {
    String head = "POST " + uri + " HTTP/1.1\r\n"
        + "content-type: application/json\r\n"
        + "host: " + host + ":" + port + "\r\n"
        + "content-length: \r\n"
        + "\r\n";
    this.fixed = head.getBytes(StandardCharsets.US_ASCII).length;
  }

  public long of(int bodyLength) {
    return fixed + Integer.toString(bodyLength).length() + (long) bodyLength;
  }
}
