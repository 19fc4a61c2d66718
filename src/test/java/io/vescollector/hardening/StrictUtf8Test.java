package io.vescollector.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.streaming.StreamingSamples;
import io.vescollector.streaming.bus.SessionEndpoint;
import io.vescollector.streaming.bus.SessionServer;
import io.vescollector.testkit.CollectorExtension;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestKafka;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wherever a client's bytes enter (VES bodies, the streaming APIs' JSON bodies, WebSocket text
 * messages), bytes that are not well-formed UTF-8 are refused with the offset of the first bad one,
 * and nothing of them is stored. Overlong forms and code points above U+10FFFF are what Jackson alone
 * lets through; the rest were refused before and stay refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictUtf8Test {
  private static final String V7 = "/eventListener/v7";
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension
  static final CollectorExtension COLLECTOR = CollectorExtension.withDefaults();

  private final CollectorHarness collector = COLLECTOR.harness();
  private final TestKafka kafka = COLLECTOR.kafka();
  private final Vertx vertx = COLLECTOR.vertx();

  /** Ill-formed sequences: overlong, above U+10FFFF, F5-FF leads, lone continuations, truncated, CESU-8. */
  static Stream<String> illFormed() {
    return Stream.of("C0AF", "C080", "E080AF", "F08080AF", "F4908080", "F5", "F8888080", "FF",
        "80", "BF", "C3", "E282", "F09F98", "EDA080EDB080");
  }

  @ParameterizedTest
  @MethodSource("illFormed")
  void aVesBodyIsRefusedWithTheOffsetOfTheFirstBadByte(String hex) throws Exception {
    String eventId = "utf8-" + UUID.randomUUID();
    byte[] body = eventWithBytesInItsName(eventId, HexFormat.of().parseHex(hex));
    int offset = indexOf(body, HexFormat.of().parseHex(hex));

    HttpResponse<Buffer> answer = collector.client().post(V7).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body)).await();

    assertEquals(400, answer.statusCode(), answer.bodyAsString());
    assertTrue(answer.bodyAsString().contains("SVC0002"), answer.bodyAsString());
    assertTrue(answer.bodyAsString().contains("not well-formed UTF-8 at byte offset " + offset + " ("),
        "the refusal names offset " + offset + ": " + answer.bodyAsString());
    assertNothingStoredFor(eventId);
  }

  @Test
  void aBatchWithOneBadByteIsRefusedWhole() {
    String eventId = "utf8-batch-" + UUID.randomUUID();
    ObjectNode good = (ObjectNode) Samples.event("fault").get("event");
    ObjectNode marked = good.deepCopy();
    ((ObjectNode) marked.path("commonEventHeader")).put("eventId", eventId).put("sourceName", "MARK");
    byte[] text = ("{\"eventList\":[" + good + "," + marked + "]}").getBytes(StandardCharsets.UTF_8);
    byte[] bad = HexFormat.of().parseHex("F4908080");
    byte[] batch = splice(text, "MARK", bad);

    HttpResponse<Buffer> answer = collector.client().post(V7 + "/eventBatch").putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(batch)).await();

    assertEquals(400, answer.statusCode(), answer.bodyAsString());
    assertTrue(answer.bodyAsString().contains("at byte offset " + indexOf(batch, bad)), answer.bodyAsString());
    assertNothingStoredFor(eventId);
  }

  @Test
  void wellFormedTextOfEveryLengthIsStored() {
    String eventId = "utf8-ok-" + UUID.randomUUID();
    byte[] body = eventWithBytesInItsName(eventId, "é€😀\uD7FF\uE000".getBytes(StandardCharsets.UTF_8));
    HttpResponse<Buffer> answer = collector.client().post(V7).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body)).await();
    assertEquals(202, answer.statusCode(), answer.bodyAsString());
  }

  @Test
  void aStreamingConnectionRequestIsRefusedWithTheOffset() {
    byte[] request = StreamingSamples.request(StreamingSamples.trace("TR-1")).encode().getBytes(StandardCharsets.UTF_8);
    byte[] bad = splice(request, "TR-1", HexFormat.of().parseHex("E080AF"));

    HttpResponse<Buffer> answer = collector.client().post(StreamingSamples.BASE + "/connections")
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(bad)).await();

    assertEquals(400, answer.statusCode(), answer.bodyAsString());
    int offset = indexOf(bad, HexFormat.of().parseHex("E080AF"));
    assertTrue(answer.bodyAsString().contains("not well-formed UTF-8 at byte offset " + offset), answer.bodyAsString());
  }

  @Test
  void aWebSocketTextMessageThatIsNotUtf8ClosesTheSocketWith1007() throws Exception {
    String location = collector.post(StreamingSamples.BASE + "/connections",
        StreamingSamples.request(StreamingSamples.trace("TR-" + UUID.randomUUID())).encode()).getHeader("Location");
    WebSocketClient sockets = vertx.createWebSocketClient();
    try {
      WebSocket ws = sockets.connect(new WebSocketConnectOptions().setAbsoluteURI(location.replaceFirst("^http", "ws"))).await();
      BlockingQueue<String> texts = new LinkedBlockingQueue<>();
      CompletableFuture<Short> closed = new CompletableFuture<>();
      ws.textMessageHandler(texts::add);
      ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));

      ws.writeFrame(WebSocketFrame.textFrame("well-formed", true)).await();
      String answer = texts.poll(10, TimeUnit.SECONDS);
      assertTrue(answer != null && answer.contains("text frames carry no stream data"), String.valueOf(answer));

      // A message in two frames, the bad sequence in the second: the offset is within the message.
      ws.writeFrame(WebSocketFrame.textFrame("ab", false)).await();
      ws.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(HexFormat.of().parseHex("63C0AF")), true)).await();
      assertEquals((short) 1007, closed.get(10, TimeUnit.SECONDS));
      assertTrue(ws.closeReason().contains("byte offset 3"), ws.closeReason());
    } finally {
      sockets.close().await();
    }
  }

  @Test
  void aBusSessionRequestIsRefusedWithTheOffset() {
    SessionServer server = SessionServer.start(vertx, "127.0.0.1", 0, "",
        new SessionEndpoint(vertx, JSON, "ManagedElement=1", 60, 1));
    WebClient client = WebClient.create(vertx);
    try {
      byte[] bad = splice("{\"consumer\":\"MARK\"}".getBytes(StandardCharsets.UTF_8), "MARK", new byte[] {(byte) 0xFF});
      HttpResponse<Buffer> answer = client.post(server.port(), "127.0.0.1", "/StreamingDataReportingMnS/v1/sessions")
          .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(bad)).await();
      assertEquals(400, answer.statusCode(), answer.bodyAsString());
      assertTrue(answer.bodyAsString().contains("not well-formed UTF-8 at byte offset 13"),
          answer.bodyAsString());
    } finally {
      client.close();
      server.close();
    }
  }

  /** A fault event whose sourceName is {@code eventId} followed by {@code bytes}. */
  private static byte[] eventWithBytesInItsName(String eventId, byte[] bytes) {
    ObjectNode event = Samples.event("fault");
    ObjectNode header = (ObjectNode) event.path("event").path("commonEventHeader");
    header.put("eventId", eventId);
    header.put("sourceName", eventId + "MARK");
    return splice(event.toString().getBytes(StandardCharsets.UTF_8), "MARK", bytes);
  }

  private static byte[] splice(byte[] text, String mark, byte[] bytes) {
    int at = indexOf(text, mark.getBytes(StandardCharsets.UTF_8));
    byte[] out = new byte[text.length - mark.length() + bytes.length];
    System.arraycopy(text, 0, out, 0, at);
    System.arraycopy(bytes, 0, out, at, bytes.length);
    System.arraycopy(text, at + mark.length(), out, at + bytes.length, text.length - at - mark.length());
    return out;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (haystack[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  /** Nothing of the refused event is in its topic (read to its end, after a valid event that makes sure it exists). */
  private void assertNothingStoredFor(String eventId) {
    String sentinel = "sentinel-" + UUID.randomUUID();
    ObjectNode event = Samples.event("fault");
    ((ObjectNode) event.path("event").path("commonEventHeader")).put("eventId", sentinel);
    assertEquals(202, collector.post(V7, event.toString()).statusCode());
    List<String> values = kafka.consumeAll(collector.topicOf("fault"), Duration.ofMillis(200)).stream()
        .map(r -> new String(r.value(), StandardCharsets.ISO_8859_1)).toList();
    assertTrue(values.stream().anyMatch(v -> v.contains(sentinel)), "the topic was read to its end");
    assertTrue(values.stream().noneMatch(v -> v.contains(eventId)), eventId + " was stored");
  }
}
