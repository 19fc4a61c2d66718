package io.vescollector.streaming;

import static io.vescollector.streaming.StreamingSamples.BASE;
import static io.vescollector.streaming.StreamingSamples.PRODUCER;
import static io.vescollector.streaming.StreamingSamples.performance;
import static io.vescollector.streaming.StreamingSamples.pmUnit;
import static io.vescollector.streaming.StreamingSamples.request;
import static io.vescollector.streaming.StreamingSamples.trace;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vescollector.config.ConfigKeys;
import io.vescollector.streaming.pm.gpb.PmStreamUnit;
import io.vescollector.streaming.pm.gpb.StreamUnitHeader;
import io.vescollector.testkit.CollectorExtension;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.LogCapture;
import io.vescollector.testkit.PrometheusText;
import io.vescollector.testkit.TestKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TS 28.532 streaming target, WebSocket side: the connection's life cycle, units decoded or passed
 * through into Kafka, errors told to the producer, and a second collector sharing the connections.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingWebSocketTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension
  static final CollectorExtension COLLECTOR = CollectorExtension.withDefaults();
  private final Vertx vertx = COLLECTOR.vertx();
  private final TestKafka kafka = COLLECTOR.kafka();
  private final CollectorHarness collector = COLLECTOR.harness();
  private final WebSocketClient sockets = vertx.createWebSocketClient();

  @AfterAll
  void closeSockets() {
    sockets.close().await();
  }

  private String establish(CollectorHarness on, JsonObject... streams) {
    HttpResponse<Buffer> r = on.post(BASE + "/connections", request(streams).encode());
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.getHeader("Location");
  }

  private WebSocket open(String location, BlockingQueue<String> texts) {
    // the connection URI is the http(s) resource; the upgrade GET goes to the same path
    WebSocket ws = sockets.connect(new WebSocketConnectOptions().setAbsoluteURI(location.replaceFirst("^http", "ws"))).await();
    ws.textMessageHandler(texts::add);
    return ws;
  }

  private String topic(StreamType type) {
    return collector.config().streaming().topics().of(type);
  }

  private static String header(ConsumerRecord<String, byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private int status(CollectorHarness on, String location) {
    return on.get(location.substring(location.indexOf(BASE))).statusCode();
  }

  private void awaitStatus(String location, IntPredicate expected) {
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
      int last = status(collector, location);
      assertTrue(expected.test(last), "GET " + location + " still answers " + last);
    });
  }

  @Test
  void performanceUnitsAreDecodedToValuesNamedByTheAgreedMetricList() throws Exception {
    String streamId = "PM-" + System.nanoTime();
    String location = establish(collector, performance(streamId, "ManagedElement=1,NRCellDU=7", "DRB.UEThpDl", "RRU.PrbUsedDl", "RRC.ConnMean"));
    WebSocket ws = open(location, new LinkedBlockingQueue<>());
    long end = 1_795_000_000_000L;
    ws.writeBinaryMessage(Buffer.buffer(PmStreamUnit.newBuilder().setStreamId(streamId).setGranularityPeriod(60)
        .setStartTime(end - 60_000).setEndTime(end).addValues(1234).addValues(56.5).addValues(0).addAbsent(2).addSuspect(1)
        .build().toByteArray())).await();
    ws.writeBinaryMessage(Buffer.buffer(pmUnit(streamId, end + 60_000, 7, 8, 9))).await();

    List<ConsumerRecord<String, byte[]>> records = kafka.consumeMatching(topic(StreamType.PERFORMANCE),
        r -> streamId.equals(r.key()), 2, Duration.ofSeconds(20));
    JsonNode first = JSON.readTree(records.get(0).value());
    assertEquals(JSON.readTree("{\"producer\":\"" + PRODUCER + "\",\"connectionId\":\"" + location + "\",\"streamId\":\""
        + streamId + "\",\"jobId\":\"job-1\",\"measObjDn\":\"ManagedElement=1,NRCellDU=7\",\"granularityPeriod\":60,"
        + "\"startTime\":\"2026-11-18T11:05:40.000Z\",\"endTime\":\"2026-11-18T11:06:40.000Z\","
        + "\"values\":{\"DRB.UEThpDl\":1234,\"RRU.PrbUsedDl\":56.5,\"RRC.ConnMean\":null},\"suspect\":[\"RRU.PrbUsedDl\"]}"), first);
    assertEquals(JSON.readTree("{\"DRB.UEThpDl\":7,\"RRU.PrbUsedDl\":8,\"RRC.ConnMean\":9}"),
        JSON.readTree(records.get(1).value()).get("values"));
    assertEquals("PERFORMANCE", header(records.get(0), "stream-type"));
    assertEquals(PRODUCER, header(records.get(0), "producer"));
    ws.close().await();
  }

  @Test
  void traceUnitsPassThroughAsBytesWithStreamHeaders() throws Exception {
    String traceRef = "4358" + Long.toHexString(System.nanoTime()).toUpperCase();
    String location = establish(collector, trace(traceRef));
    WebSocket ws = open(location, new LinkedBlockingQueue<>());
    // field 1 = the trace reference, then a payload field the target does not read
    Buffer unit = Buffer.buffer(StreamUnitHeader.newBuilder().setStreamId(traceRef).build().toByteArray())
        .appendBytes(new byte[] {0x12, 0x03, 'a', 'b', 'c'});
    ws.writeBinaryMessage(unit).await();

    ConsumerRecord<String, byte[]> r = kafka.consumeMatching(topic(StreamType.TRACE), x -> traceRef.equals(x.key()), 1,
        Duration.ofSeconds(20)).get(0);
    assertArrayEquals(unit.getBytes(), r.value());
    assertEquals(traceRef, header(r, "stream-id"));
    assertEquals("TRACE", header(r, "stream-type"));
    assertEquals("GPB", header(r, "serialization-format"));
    assertEquals(PRODUCER, header(r, "producer"));
    assertEquals(location, header(r, "connection-id"));
    ws.close().await();
  }

  @Test
  void aUnitOfAnUnknownStreamIsReportedToTheProducerAndTheConnectionGoesOn() throws Exception {
    String streamId = "PM-" + System.nanoTime();
    String location = establish(collector, performance(streamId, "ME=1", "m1", "m2"));
    BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    WebSocket ws = open(location, texts);
    ws.writeBinaryMessage(Buffer.buffer(pmUnit("no-such-stream", 1_000_000, 1, 2))).await();
    ws.writeBinaryMessage(Buffer.buffer(pmUnit(streamId, 1_000_000, 1))).await(); // one value, two metrics

    JsonObject unknown = new JsonObject(texts.poll(10, TimeUnit.SECONDS)).getJsonObject("error");
    assertEquals("no-such-stream", unknown.getString("streamId"));
    assertTrue(unknown.getString("errorInfo").contains("not a stream of connection"), unknown.encode());
    JsonObject miscounted = new JsonObject(texts.poll(10, TimeUnit.SECONDS)).getJsonObject("error");
    assertEquals(streamId, miscounted.getString("streamId"));
    assertTrue(miscounted.getString("errorInfo").contains("1 values"), miscounted.encode());

    ws.writeBinaryMessage(Buffer.buffer(pmUnit(streamId, 1_000_000, 3, 4))).await();
    List<ConsumerRecord<String, byte[]>> stored = kafka.consumeMatching(topic(StreamType.PERFORMANCE),
        r -> streamId.equals(r.key()), 1, Duration.ofSeconds(20));
    assertEquals(3, JSON.readTree(stored.get(0).value()).path("values").path("m1").asInt());
    assertTrue(kafka.consumeAll(topic(StreamType.PERFORMANCE), Duration.ofMillis(500)).stream()
        .noneMatch(r -> "no-such-stream".equals(r.key())), "a unit of an unknown stream was stored");
    ws.close().await();
  }

  @Test
  void malformedBytesAreNeverStoredUnderTheConnectionsOnlyGpbStream() throws Exception {
    String traceRef = "4358" + Long.toHexString(System.nanoTime()).toUpperCase();
    String location = establish(collector, trace(traceRef));
    BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    WebSocket ws = open(location, texts);
    double refusedBefore = refusedUnattributable();
    // 0x0A declares field 1 (length-delimited) of 100 bytes, and 3 follow: not a GPB message.
    byte[] malformed = {0x0A, 0x64, 'a', 'b', 'c'};
    ws.writeBinaryMessage(Buffer.buffer(malformed)).await();

    JsonObject error = new JsonObject(texts.poll(10, TimeUnit.SECONDS)).getJsonObject("error");
    assertTrue(error.getString("errorInfo").contains("not a GPB message"), error.encode());
    assertEquals(refusedBefore + 1, refusedUnattributable());

    Buffer good = Buffer.buffer(StreamUnitHeader.newBuilder().setStreamId(traceRef).build().toByteArray());
    ws.writeBinaryMessage(good).await();
    List<ConsumerRecord<String, byte[]>> stored = kafka.consumeMatching(topic(StreamType.TRACE),
        r -> traceRef.equals(r.key()), 1, Duration.ofSeconds(20));
    assertArrayEquals(good.getBytes(), stored.get(0).value(), "the malformed unit was stored before the good one");
    ws.close().await();
  }

  @Test
  void bytesThatAreNotGpbBelongToTheConnectionsOnlyAsn1Stream() throws Exception {
    String traceRef = "A5" + Long.toHexString(System.nanoTime()).toUpperCase();
    JsonObject asn1 = trace(traceRef).put("serializationFormat", "ASN1");
    String location = establish(collector, asn1);
    WebSocket ws = open(location, new LinkedBlockingQueue<>());
    byte[] ber = {0x30, 0x03, 0x02, 0x01, 0x07}; // SEQUENCE { INTEGER 7 }: not a GPB message
    ws.writeBinaryMessage(Buffer.buffer(ber)).await();
    ConsumerRecord<String, byte[]> r = kafka.consumeMatching(topic(StreamType.TRACE), x -> traceRef.equals(x.key()), 1,
        Duration.ofSeconds(20)).get(0);
    assertArrayEquals(ber, r.value());
    assertEquals("ASN1", header(r, "serialization-format"));
    ws.close().await();
  }

  private double refusedUnattributable() {
    return PrometheusText.sum(collector.get("/metrics").bodyAsString(), "streaming_units_refused_total{reason=\"unattributable\"");
  }

  @Test
  void upgradingAConnectionThatWasNeverEstablishedIs404() {
    String location = "ws://127.0.0.1:" + collector.port() + BASE + "/connections/never-established";
    Throwable e = assertThrows(Throwable.class, () -> sockets.connect(new WebSocketConnectOptions().setAbsoluteURI(location)).await());
    UpgradeRejectedException rejected = assertInstanceOf(UpgradeRejectedException.class, e);
    assertEquals(404, rejected.getStatus());
    assertTrue(rejected.getBody().toString().contains("never-established"));
  }

  @Test
  void aCloseFrameTerminatesTheConnectionForEveryone() throws Exception {
    String location = establish(collector, trace("T-" + System.nanoTime()));
    WebSocket ws = open(location, new LinkedBlockingQueue<>());
    assertEquals(200, status(collector, location));
    ws.close((short) 1000, "all streams ended").await();
    awaitStatus(location, s -> s == 404);
  }

  @Test
  void anAbruptDropKeepsTheConnectionSoTheProducerCanUpgradeAgain() throws Exception {
    String streamId = "PM-" + System.nanoTime();
    String location = establish(collector, performance(streamId, "ME=1", "m1"));
    java.net.http.WebSocket jdk = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create(location.replace("http://", "ws://")), new java.net.http.WebSocket.Listener() {})
        .get(10, TimeUnit.SECONDS);
    String connectionId = location.substring(location.lastIndexOf('/') + 1);
    try (LogCapture log = new LogCapture()) {
      jdk.sendBinary(ByteBuffer.wrap(pmUnit(streamId, 2_000_000, 1)), true).get(10, TimeUnit.SECONDS);
      jdk.abort(); // TCP closed without a Close frame
      await("the target sees the drop").atMost(Duration.ofSeconds(10)).until(() -> log.lines().stream()
          .anyMatch(l -> l.contains("connection " + connectionId + " dropped without a Close frame")));
    }
    assertEquals(200, status(collector, location));
    WebSocket again = open(location, new LinkedBlockingQueue<>());
    again.writeBinaryMessage(Buffer.buffer(pmUnit(streamId, 2_060_000, 2))).await();
    List<ConsumerRecord<String, byte[]>> stored = kafka.consumeMatching(topic(StreamType.PERFORMANCE),
        r -> streamId.equals(r.key()), 2, Duration.ofSeconds(20));
    assertEquals(List.of(1, 2), stored.stream().map(r -> readValue(r, "m1")).toList());
    again.close().await();
  }

  @Test
  void aSecondCollectorOnTheSameKafkaServesConnectionsCreatedOnTheFirst() throws Exception {
    Map<String, String> sameTopics = Map.of(
        ConfigKeys.STREAMING_CONNECTIONS_TOPIC.name(), collector.config().streaming().connectionsTopic(),
        ConfigKeys.STREAMING_TOPIC_PERFORMANCE.name(), topic(StreamType.PERFORMANCE));
    try (CollectorHarness second = CollectorHarness.start(vertx, kafka, sameTopics)) {
      String streamId = "PM-" + System.nanoTime();
      String location = establish(collector, performance(streamId, "ME=1", "m1"));
      String onSecond = location.replace(":" + collector.port() + "/", ":" + second.port() + "/");

      HttpResponse<Buffer> info = second.get(onSecond.substring(onSecond.indexOf(BASE)));
      assertEquals(200, info.statusCode(), info.bodyAsString());
      assertEquals(location, info.bodyAsJsonObject().getString("connection"));

      // a stream added through the second is known to the first, whose WebSocket then carries it
      String added = streamId + "-b";
      HttpResponse<Buffer> add = second.post(onSecond.substring(onSecond.indexOf(BASE)) + "/streams",
          "[" + performance(added, "ME=2", "m1").encode() + "]");
      assertEquals(201, add.statusCode(), add.bodyAsString());
      WebSocket ws = open(location, new LinkedBlockingQueue<>());
      ws.writeBinaryMessage(Buffer.buffer(pmUnit(added, 3_000_000, 42))).await();
      WebSocket ws2 = open(onSecond, new LinkedBlockingQueue<>());
      ws2.writeBinaryMessage(Buffer.buffer(pmUnit(streamId, 3_000_000, 43))).await();
      List<ConsumerRecord<String, byte[]>> stored = kafka.consumeMatching(topic(StreamType.PERFORMANCE),
          r -> r.key().startsWith(streamId), 2, Duration.ofSeconds(20));
      assertEquals(Set.of(42, 43), stored.stream().map(r -> readValue(r, "m1")).collect(Collectors.toSet()));
      ws.close().await();
      ws2.close().await();
    }
  }

  private static int readValue(ConsumerRecord<String, byte[]> r, String metric) {
    try {
      return JSON.readTree(r.value()).path("values").path(metric).asInt();
    } catch (IOException e) {
      throw new CompletionException(e);
    }
  }
}
