package io.vescollector.tools.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.streaming.producer.PmUnitGenerator;
import io.vescollector.streaming.producer.ProducerPlan;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The 3GPP streaming scenario: a simulated network function establishes a TS 28.532 connection through
 * collector A and streams PM units over its WebSocket; A is killed with kill -9 while units flow; the network
 * function then asks collector B for its connection, upgrades there, adds a stream, streams on both and ends
 * the connection with a Close frame. Connections live in a compacted Kafka topic, so B must know it.
 * Units carry no acknowledgement on this path: those still in A's buffers at the kill are lost, and the
 * report counts them.
 */
final class StreamingFailover {
  private static final int UNITS_PER_SECOND = 50;
  private static final int GRANULARITY_SECONDS = 60;
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration STORED_WAIT = Duration.ofSeconds(20);

  private final FaultCluster cluster;
  private final String performanceTopic;
  private final Duration streamFor;
  private final Timeline timeline;
  private final ObjectMapper mapper = new ObjectMapper();

  StreamingFailover(FaultCluster cluster, String performanceTopic, Duration streamFor, Timeline timeline) {
    this.cluster = cluster;
    this.performanceTopic = performanceTopic;
    this.streamFor = streamFor;
    this.timeline = timeline;
  }

  StreamingResult run() throws Exception {
    CollectorNode a = cluster.collectors().get(0);
    CollectorNode b = cluster.collectors().get(1);
    ProducerPlan plan = new ProducerPlan(Long.toHexString(System.nanoTime() & 0xffffffL), 1, 2, 5,
        GRANULARITY_SECONDS, UNITS_PER_SECOND, streamFor.toSeconds());
    ArrayNode streams = plan.streamInfos(mapper, 0);
    String first = plan.streamId(0, 0);
    String second = plan.streamId(0, 1);
    long start = System.currentTimeMillis() - TimeUnit.DAYS.toMillis(1);
    PmUnitGenerator units = new PmUnitGenerator(plan.streams(mapper, 0), GRANULARITY_SECONDS, start);
    Vertx vertx = Vertx.vertx();
    try {
      WebClient http = WebClient.create(vertx);
      WebSocketClient sockets = vertx.createWebSocketClient();
      ObjectNode request = mapper.createObjectNode().put("producer", plan.producerDn(0));
      request.putArray("streams").add(streams.get(0));
      HttpResponse<Buffer> created = http.postAbs(base(a) + "/connections").timeout(HTTP_TIMEOUT.toMillis())
          .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(request.toString())).await();
      String location = created.getHeader("Location");
      if (created.statusCode() != 201 || location == null) {
        throw new IOException("POST /connections through " + a + " answered " + created.statusCode() + ": "
            + created.bodyAsString());
      }
      String id = location.substring(location.lastIndexOf('/') + 1);

      // Through A, until A is killed mid-stream.
      Socket onA = Socket.open(sockets, ws(base(a) + "/connections/" + id));
      long[] next = new long[2];
      long throughA = 0;
      long killAt = System.nanoTime() + streamFor.toNanos();
      long giveUp = killAt + TimeUnit.SECONDS.toNanos(15);
      while (!onA.dropped() && System.nanoTime() < giveUp) {
        if (System.nanoTime() >= killAt && a.running()) {
          timeline.faultStarts("kill -9 " + a + " while connection " + id + " streams");
          a.kill();
        }
        if (onA.write(units.unit(0, next[0]).toByteArray())) {
          next[0]++;
          throughA++;
        }
        Thread.sleep(1000 / UNITS_PER_SECOND); // the network function's pace, a parameter of the scenario
      }
      long firstThroughB = next[0];
      timeline.note(throughA + " units written to " + a + "'s WebSocket; " + (onA.dropped() ? "it dropped"
          : "it did not drop within 15 s of the kill"));

      // The network function turns to B: its connection and streams must be there.
      String onB = base(b) + "/connections/" + id;
      HttpResponse<Buffer> found = http.getAbs(onB).timeout(HTTP_TIMEOUT.toMillis()).send().await();
      List<String> streamsOnB = found.statusCode() == 200 ? texts(mapper.readTree(found.bodyAsString()).path("streams"))
          : List.of();
      timeline.note("GET the connection through " + b + ": " + found.statusCode() + ", streams " + streamsOnB);
      Socket socketB = Socket.open(sockets, ws(onB));
      timeline.faultEnds("WebSocket upgraded through " + b);
      long throughB = 0;
      long half = System.nanoTime() + streamFor.toNanos() / 2;
      while (System.nanoTime() < half) {
        throughB += socketB.write(units.unit(0, next[0]).toByteArray()) ? 1 : 0;
        next[0]++;
        Thread.sleep(1000 / UNITS_PER_SECOND);
      }
      HttpResponse<Buffer> added = http.postAbs(onB + "/streams").timeout(HTTP_TIMEOUT.toMillis())
          .putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer(mapper.createArrayNode().add(streams.get(1)).toString())).await();
      HttpResponse<Buffer> listed = http.getAbs(onB + "/streams?streamIds=" + first + "," + second)
          .timeout(HTTP_TIMEOUT.toMillis()).send().await();
      List<String> streamsAfter = new ArrayList<>();
      if (listed.statusCode() == 200) {
        mapper.readTree(listed.bodyAsString()).forEach(s -> streamsAfter.add(s.path("streamInfo").path("streamId").asText()));
      }
      timeline.note("add a stream through " + b + ": " + added.statusCode() + "; its streams: " + streamsAfter);
      long end = System.nanoTime() + streamFor.toNanos() / 2;
      while (System.nanoTime() < end) {
        for (int s = 0; s < 2; s++) {
          throughB += socketB.write(units.unit(s, next[s]).toByteArray()) ? 1 : 0;
          next[s]++;
        }
        Thread.sleep(2000 / UNITS_PER_SECOND);
      }
      boolean closed = socketB.close();
      timeline.note(throughB + " units written through " + b + "; Close " + (closed ? "completed" : "failed"));

      Map<String, Set<Long>> expectedB = new HashMap<>();
      expectedB.put(first, range(firstThroughB, next[0]));
      expectedB.put(second, range(0, next[1]));
      Stored stored = awaitStored(location, start, expectedB, throughB);
      long fromA = stored.units().getOrDefault(first, Set.of()).stream().filter(n -> n < firstThroughB).count();
      long fromB = expectedB.entrySet().stream().mapToLong(e -> e.getValue().stream()
          .filter(n -> stored.units().getOrDefault(e.getKey(), Set.of()).contains(n)).count()).sum();
      return new StreamingResult(id, created.statusCode(), throughA, fromA, found.statusCode(), streamsOnB,
          added.statusCode(), streamsAfter, throughB, fromB, stored.duplicates(), closed, timeline.notes());
    } finally {
      vertx.close().await();
    }
  }

  /** Reads the topic until every unit sent through B is there, or {@link #STORED_WAIT} passes. */
  private Stored awaitStored(String connection, long start, Map<String, Set<Long>> expectedB, long throughB)
      throws Exception {
    long deadline = System.nanoTime() + STORED_WAIT.toNanos();
    while (true) {
      Stored stored = read(connection, start);
      long found = expectedB.entrySet().stream().mapToLong(e -> e.getValue().stream()
          .filter(n -> stored.units().getOrDefault(e.getKey(), Set.of()).contains(n)).count()).sum();
      if (found >= throughB || System.nanoTime() > deadline) {
        return stored;
      }
      Thread.sleep(500);
    }
  }

  /**
   * Units of one connection in Kafka (records name it by its URI, as established, whichever collector carried
   * them): streamId → unit numbers, and how many records repeated one.
   */
  private record Stored(Map<String, Set<Long>> units, long duplicates) {}

  private Stored read(String connection, long start) throws IOException {
    Map<String, Set<Long>> units = new HashMap<>();
    long duplicates = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(performanceTopic, Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        if (System.nanoTime() > deadline) {
          throw new IOException("could not read " + performanceTopic + " to its end within 30 s");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          JsonNode unit = mapper.readTree(r.value());
          if (!connection.equals(unit.path("connectionId").asText())) {
            continue;
          }
          long n = (Instant.parse(unit.path("startTime").asText()).toEpochMilli() - start) / (GRANULARITY_SECONDS * 1000L);
          if (!units.computeIfAbsent(unit.path("streamId").asText(), k -> new HashSet<>()).add(n)) {
            duplicates++;
          }
        }
      }
    }
    return new Stored(units, duplicates);
  }

  private static Set<Long> range(long from, long to) {
    Set<Long> s = new HashSet<>();
    for (long n = from; n < to; n++) {
      s.add(n);
    }
    return s;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String base(CollectorNode c) {
    return c.url() + "/StreamingDataReportingMnS/v1";
  }

  private static String ws(String httpUrl) {
    return httpUrl.replaceFirst("^http", "ws");
  }

  /** The network function's WebSocket to one collector: writes that say whether they went out, a drop flag. */
  private record Socket(WebSocket ws, AtomicBoolean closed) {
    static Socket open(WebSocketClient client, String url) {
      WebSocket ws = client.connect(new WebSocketConnectOptions().setAbsoluteURI(url)).await();
      AtomicBoolean closed = new AtomicBoolean();
      ws.closeHandler(v -> closed.set(true));
      ws.exceptionHandler(e -> closed.set(true));
      return new Socket(ws, closed);
    }

    boolean dropped() {
      return closed.get() || ws.isClosed();
    }

    /** True when the frame was written to the socket (not that the collector stored it). */
    boolean write(byte[] unit) {
      if (dropped()) {
        return false;
      }
      try {
        ws.writeBinaryMessage(Buffer.buffer(unit)).await(5, TimeUnit.SECONDS);
        return true;
      } catch (Exception e) {
        closed.set(true);
        return false;
      }
    }

    boolean close() {
      try {
        ws.close((short) 1000, "done").await(10, TimeUnit.SECONDS);
        return true;
      } catch (Exception e) {
        return false;
      }
    }
  }
}
