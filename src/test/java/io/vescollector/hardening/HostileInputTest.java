package io.vescollector.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vescollector.config.ConfigKeys;
import io.vescollector.testkit.CollectorExtension;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.RawHttp;
import io.vescollector.testkit.Samples;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A corpus of hostile requests: each gets a clear 4xx with a VES body, and afterwards the collector is
 * alive and still stores a valid event (checked after every test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
  private static final String V7 = "/eventListener/v7";
  private static final int REQUEST_TIMEOUT_MS = 2_000;
  private static final int FIFTY_MB = 50 * 1024 * 1024;
  @RegisterExtension
  static final CollectorExtension COLLECTOR = CollectorExtension.with(Map.of(
      ConfigKeys.SERVER_REQUEST_TIMEOUT_MS.name(), Integer.toString(REQUEST_TIMEOUT_MS),
      ConfigKeys.PARSE_MAX_STRING_LENGTH.name(), "100000"));
  private final CollectorHarness collector = COLLECTOR.harness();

  @AfterEach
  void collectorIsStillHealthyAndStoresAValidEvent() {
    assertEquals(200, collector.get("/health/live").statusCode());
    HttpResponse<Buffer> valid = collector.post(V7, fault());
    assertEquals(202, valid.statusCode(), valid.bodyAsString());
  }

  @Test
  void malformedJsonIs400() {
    assertRefused(collector.post(V7, "{\"event\": {\"commonEventHeader\": "), 400, "SVC0002");
    assertRefused(collector.post(V7, "{'event': {}}"), 400, "SVC0002");
    assertRefused(collector.post(V7, "[1, 2,]"), 400, "SVC0002");
  }

  @Test
  void truncatedEventIs400() {
    String event = fault();
    assertRefused(collector.post(V7, event.substring(0, event.length() / 2)), 400, "SVC0002");
    assertRefused(collector.post(V7, event.substring(0, event.length() - 1)), 400, "SVC0002");
  }

  @Test
  void emptyBodyIs400() {
    assertRefused(collector.post(V7, ""), 400, "SVC0002");
  }

  @Test
  void invalidUtf8Is400() throws IOException {
    byte[] event = fault().getBytes(StandardCharsets.UTF_8);
    byte[] bad = replace(event, "gnb-cu-0012".getBytes(StandardCharsets.UTF_8), new byte[] {'g', (byte) 0xC3, 0x28, (byte) 0xFF});
    RawHttp.Answer answer = raw(bad, "Content-Type: application/json");
    assertEquals(400, answer.status(), answer.body());
    assertTrue(answer.body().contains("SVC0002") && answer.body().contains("UTF-8"), answer.body());
  }

  @Test
  void byteOrderMarkIs400() throws IOException {
    byte[] event = fault().getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[event.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(event, 0, withBom, 3, event.length);
    RawHttp.Answer answer = raw(withBom, "Content-Type: application/json");
    assertEquals(400, answer.status(), answer.body());
    assertTrue(answer.body().contains("byte-order mark"), answer.body());
  }

  @Test
  void duplicateKeysAre400() {
    String event = fault();
    String twice = event.replace("\"sourceName\" : \"gnb-cu-0012\"", "\"sourceName\" : \"gnb-cu-0012\", \"sourceName\" : \"other\"")
        .replace("\"sourceName\":\"gnb-cu-0012\"", "\"sourceName\":\"gnb-cu-0012\",\"sourceName\":\"other\"");
    assertTrue(twice.length() > event.length(), "the edit must have found sourceName");
    HttpResponse<Buffer> response = collector.post(V7, twice);
    assertRefused(response, 400, "SVC0002");
    assertTrue(response.bodyAsString().contains("Duplicate field"), response.bodyAsString());
  }

  @Test
  void tenThousandDeepNestingIs400() {
    String deep = "{\"event\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    HttpResponse<Buffer> response = collector.post(V7, deep);
    assertRefused(response, 400, "SVC0002");
    assertTrue(response.bodyAsString().contains("nesting depth"), response.bodyAsString());
    String deepObjects = "{\"event\": " + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}";
    assertRefused(collector.post(V7, deepObjects), 400, "SVC0002");
  }

  @Test
  void hugeNumbersAre400() {
    String event = fault();
    String overflow = event.replace("1764169200000000", "1e400");
    HttpResponse<Buffer> response = collector.post(V7, overflow);
    assertRefused(response, 400, "SVC0002");
    assertTrue(response.bodyAsString().contains("range of a double"), response.bodyAsString());
    String longInteger = event.replace("1764169200000000", "9".repeat(10_000));
    response = collector.post(V7, longInteger);
    assertRefused(response, 400, "SVC0002");
    assertTrue(response.bodyAsString().contains("Number value length"), response.bodyAsString());
  }

  @Test
  void stringOverTheParseLimitIs400AndTenMegabyteStringIs413() {
    String longString = fault().replace("SCTP association to AMF amf-par-02 lost", "x".repeat(200_000));
    HttpResponse<Buffer> response = collector.post(V7, longString);
    assertRefused(response, 400, "SVC0002");
    assertTrue(response.bodyAsString().contains("String value length"), response.bodyAsString());
    String tenMb = fault().replace("SCTP association to AMF amf-par-02 lost", "x".repeat(10 * 1024 * 1024));
    assertRefused(collector.post(V7, tenMb), 413, "POL9003");
  }

  @Test
  void fiftyMegabyteBodyIsRefusedFromItsContentLengthBeforeTheBodyIsRead() throws Exception {
    try (RawHttp http = new RawHttp(collector.port())) {
      http.send(RawHttp.head(V7, "Content-Type: application/json", "Content-Length: " + FIFTY_MB));
      RawHttp.Answer answer = http.read(5_000);
      assertEquals(413, answer.status(), answer.body());
      assertTrue(answer.body().contains("POL9003"), answer.body());
      assertEquals("close", answer.header("Connection"));
      assertTrue(http.closedWithin(5_000), "the server closes the connection after refusing the body");
    }
  }

  @Test
  void fiftyMegabyteBodyStreamedBehindItsContentLengthIsCutOff() throws Exception {
    streamFiftyMegabytes("Content-Length: " + FIFTY_MB);
  }

  @Test
  void fiftyMegabyteChunkedBodyIsCutOffOnceItPassesTheLimit() throws Exception {
    streamFiftyMegabytes("Transfer-Encoding: chunked");
  }

  @Test
  void chunkedValidEventIsAcceptedAndChunkedGarbageIs400() throws IOException {
    byte[] event = fault().getBytes(StandardCharsets.UTF_8);
    try (RawHttp http = new RawHttp(collector.port())) {
      http.send(RawHttp.head(V7, "Content-Type: application/json", "Transfer-Encoding: chunked"));
      int half = event.length / 2;
      http.send(chunk(Arrays.copyOfRange(event, 0, half))).send(chunk(Arrays.copyOfRange(event, half, event.length)));
      http.send("0\r\n\r\n");
      assertEquals(202, http.read(10_000).status());
      http.send(RawHttp.head(V7, "Content-Type: application/json", "Transfer-Encoding: chunked"));
      http.send(chunk("{\"event\": [".getBytes(StandardCharsets.UTF_8))).send("0\r\n\r\n");
      RawHttp.Answer answer = http.read(10_000);
      assertEquals(400, answer.status(), answer.body());
      assertTrue(answer.body().contains("SVC0002"), answer.body());
    }
  }

  @Test
  void wrongAndMissingContentTypeAre415() {
    assertRefused(collector.post(V7, fault(), "text/plain"), 415, "SVC2004");
    assertRefused(collector.post(V7, fault(), "application/xml"), 415, "SVC2004");
    assertRefused(collector.post(V7, fault(), null), 415, "SVC2004");
  }

  @Test
  void bodySentOneBytePerSecondIsCutOffWith408() throws Exception {
    byte[] event = fault().getBytes(StandardCharsets.UTF_8);
    try (RawHttp http = new RawHttp(collector.port())) {
      http.send(RawHttp.head(V7, "Content-Type: application/json", "Content-Length: " + event.length));
      CompletableFuture<RawHttp.Answer> answer = CompletableFuture.supplyAsync(() -> {
        try {
          return http.read(REQUEST_TIMEOUT_MS * 5);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      int sent = dribble(http, event, answer);
      RawHttp.Answer refused = answer.get(1, TimeUnit.SECONDS);
      assertEquals(408, refused.status(), refused.body());
      assertTrue(sent < event.length, "cut off after " + sent + " of " + event.length + " bytes");
      assertTrue(http.closedWithin(5_000), "the slow client is disconnected");
    }
  }

  @Test
  void headersSentOneBytePerSecondAreCutOff() throws Exception {
    byte[] head = RawHttp.head(V7, "Content-Type: application/json", "Content-Length: 10").getBytes(StandardCharsets.US_ASCII);
    try (RawHttp http = new RawHttp(collector.port())) {
      CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> {
        try {
          return http.closedWithin(REQUEST_TIMEOUT_MS * 5);
        } catch (IOException e) {
          return true;
        }
      });
      int sent = dribble(http, head, closed);
      assertTrue(closed.get(1, TimeUnit.SECONDS), "the connection is closed while the headers dribble in");
      assertTrue(sent < head.length, "cut off after " + sent + " of " + head.length + " header bytes");
    }
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405() {
    assertRefused(collector.post("/eventListener/v7/nothing", fault()), 404, "SVC2004");
    assertRefused(collector.post("/no/such/path", fault()), 404, "SVC2004");
    assertRefused(collector.client().get(V7).send().await(), 405, "SVC2004");
    assertRefused(collector.client().delete(V7 + "/eventBatch").send().await(), 405, "SVC2004");
  }

  // --- helpers ---

  private void streamFiftyMegabytes(String framing) throws Exception {
    boolean chunked = framing.startsWith("Transfer-Encoding");
    try (RawHttp http = new RawHttp(collector.port())) {
      http.send(RawHttp.head(V7, "Content-Type: application/json", framing));
      long[] written = {0};
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) '1');
        try {
          OutputStream out = http.socket().getOutputStream();
          byte[] start = "{\"event\": [".getBytes(StandardCharsets.US_ASCII);
          out.write(chunked ? chunk(start) : start);
          while (written[0] < FIFTY_MB) {
            out.write(chunked ? chunk(block) : block);
            written[0] += block.length;
          }
        } catch (IOException e) {
          // expected: the server closed the connection
        }
      });
      RawHttp.Answer answer = http.read(20_000);
      assertEquals(413, answer.status(), answer.body());
      assertTrue(answer.body().contains("POL9003"), answer.body());
      writer.get(20, TimeUnit.SECONDS);
      assertTrue(written[0] < FIFTY_MB, "the server stopped reading after " + written[0] + " bytes");
      System.out.printf("[HostileInputTest] %s: 413 after the client wrote %,d bytes of 50 MiB%n", framing, written[0]);
    }
  }

  /**
   * Sends one byte a second until {@code until} completes; returns the bytes sent. The second between bytes is
   * the slow client being simulated; it is spent waiting on {@code until}, so the dribble stops as soon as the
   * server has answered or closed.
   */
  private static int dribble(RawHttp http, byte[] bytes, CompletableFuture<?> until) throws InterruptedException {
    int sent = 0;
    while (sent < bytes.length && !until.isDone()) {
      try {
        http.send(new byte[] {bytes[sent]});
      } catch (IOException e) {
        break;
      }
      sent++;
      try {
        until.get(1, TimeUnit.SECONDS);
      } catch (TimeoutException nextByte) {
        // a second without an answer: the client sends its next byte
      } catch (ExecutionException e) {
        break;
      }
    }
    return sent;
  }

  private RawHttp.Answer raw(byte[] body, String... headers) throws IOException {
    String[] all = Arrays.copyOf(headers, headers.length + 1);
    all[headers.length] = "Content-Length: " + body.length;
    try (RawHttp http = new RawHttp(collector.port())) {
      http.send(RawHttp.head(V7, all)).send(body);
      return http.read(10_000);
    }
  }

  private static byte[] chunk(byte[] data) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(data.length + 16);
    b.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(data);
    b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    return b.toByteArray();
  }

  private static byte[] replace(byte[] in, byte[] what, byte[] with) {
    String s = new String(in, StandardCharsets.ISO_8859_1);
    String w = new String(what, StandardCharsets.ISO_8859_1);
    int at = s.indexOf(w);
    assertTrue(at >= 0, "sample must contain " + w);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(in, 0, at);
    b.writeBytes(with);
    b.write(in, at + what.length, in.length - at - what.length);
    return b.toByteArray();
  }

  private static String fault() {
    return Samples.event("fault").toString();
  }

  private static void assertRefused(HttpResponse<Buffer> response, int status, String messageId) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    JsonObject error = response.bodyAsJsonObject().getJsonObject("requestError");
    JsonObject exception = error.containsKey("serviceException") ? error.getJsonObject("serviceException")
        : error.getJsonObject("policyException");
    assertEquals(messageId, exception.getString("messageId"), response.bodyAsString());
  }
}
