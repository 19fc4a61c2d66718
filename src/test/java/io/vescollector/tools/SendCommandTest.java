package io.vescollector.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import io.vescollector.testkit.CollectorExtension;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.CommandRun;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestKafka;
import io.vescollector.tools.send.EventTemplates;
import io.vescollector.tools.send.OutcomeLog;
import io.vescollector.tools.send.Outcomes;
import io.vescollector.tools.send.RequestOutcome;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code send} against a real collector and broker: what it sends is what Kafka holds, and its report counts truly. */
@ExtendWith(VertxExtension.class)
class SendCommandTest {
  private static final Duration QUIET = Duration.ofSeconds(1);
  /** A collector for each test, so that a test's counts of stored records are its own. */
  @RegisterExtension
  static final CollectorExtension COLLECTOR = CollectorExtension.withDefaults();

  private final CollectorHarness collector = COLLECTOR.harness();
  private final TestKafka kafka = COLLECTOR.kafka();
  private final String url = "http://127.0.0.1:" + collector.port();

  @Test
  void countSendsExactlyThatManyEventsWithUniqueIdsAndEachSourcesSequenceCountingUp(@TempDir Path outcomes)
      throws Exception {
    CommandRun run = CommandRun.of("send", "--url", url, "--count", "30", "-c", "1", "--domain", "fault",
        "--sources", "3", "--format", "json", "--record-outcomes", outcomes.toString());

    assertEquals(0, run.exitCode(), run.toString());
    JsonNode report = Samples.JSON.readTree(run.out());
    assertEquals(30, report.path("requestsSent").asLong());
    assertEquals(30, report.path("responses2xx").asLong());
    assertEquals(30, report.path("statusCounts").path("202").asLong());
    assertTrue(report.path("latencyMs").path("max").asDouble() > 0, "every answer took some time: " + report);

    List<ConsumerRecord<String, byte[]>> records = kafka.consumeAll(collector.topicOf("fault"), QUIET);
    assertEquals(30, records.size());
    List<JsonNode> headers = headers(records);
    Set<String> ids = headers.stream().map(h -> h.path("eventId").asText()).collect(Collectors.toSet());
    assertEquals(30, ids.size(), "eventIds are unique");
    assertEquals(ids, new HashSet<>(Files.readAllLines(outcomes.resolve(Outcomes.ACCEPTED_FILE))));
    assertEquals(List.of(), Files.readAllLines(outcomes.resolve(Outcomes.FAILED_FILE)));

    // one request at a time: each source's events are stored in sequence order 0, 1, 2, ...
    Map<String, List<Long>> sequences = new LinkedHashMap<>();
    for (JsonNode h : headers) {
      sequences.computeIfAbsent(h.path("sourceName").asText(), k -> new ArrayList<>()).add(h.path("sequence").asLong());
    }
    assertEquals(Set.of("sim-nf-0001", "sim-nf-0002", "sim-nf-0003"), sequences.keySet());
    sequences.values().forEach(seq -> assertEquals(LongStream.range(0, 10).boxed().toList(), seq));
    long now = System.currentTimeMillis() * 1000;
    headers.forEach(h -> assertTrue(Math.abs(now - h.path("lastEpochMicrosec").asLong()) < 600_000_000L,
        "times are current: " + h));
  }

  @Test
  void batchesGoToEventBatchWithBatchSizeEventsEach() throws Exception {
    CommandRun run = CommandRun.of("send", "--url", url, "--count", "250", "--batch-size", "100", "-c", "4",
        "--domain", "measurement", "--sources", "5", "--format", "json");

    assertEquals(0, run.exitCode(), run.toString());
    JsonNode report = Samples.JSON.readTree(run.out());
    assertEquals(3, report.path("requestsSent").asLong(), "100 + 100 + 50");
    assertEquals(250, report.path("eventsSent").asLong());
    assertEquals(250, report.path("eventsAccepted").asLong());

    List<JsonNode> headers = headers(kafka.consumeAll(collector.topicOf("measurement"), QUIET));
    assertEquals(250, headers.size());
    assertEquals(250, headers.stream().map(h -> h.path("eventId").asText()).distinct().count());
    Map<String, Set<Long>> bySource = headers.stream().collect(Collectors.groupingBy(
        h -> h.path("sourceName").asText(), Collectors.mapping(h -> h.path("sequence").asLong(), Collectors.toSet())));
    assertEquals(5, bySource.size());
    bySource.values().forEach(seq -> assertEquals(LongStream.range(0, 50).boxed().collect(Collectors.toSet()), seq));
  }

  @Test
  void everyDomainIsGeneratedAsAValidEventAndLandsOnItsTopic() throws Exception {
    int domains = EventTemplates.DOMAINS.size();
    CommandRun run = CommandRun.of("send", "--url", url, "--count", String.valueOf(domains), "-c", "2",
        "--sources", "1",
        "--format", "json");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(domains, Samples.JSON.readTree(run.out()).path("responses2xx").asLong());
    for (String domain : EventTemplates.DOMAINS) {
      String topic = domain.equals("stndDefined")
          ? collector.topicOfNamespace(Samples.header(Samples.event("stndDefined")).path("stndDefinedNamespace").asText())
          : collector.topicOf(domain);
      List<JsonNode> headers = headers(kafka.consume(topic, 1, Duration.ofSeconds(20)));
      assertEquals(domain, headers.get(0).path("domain").asText());
    }
  }

  @Test
  void openLoopSchedulesRateTimesDurationRequestsAndCountsEachOutcome() throws Exception {
    CommandRun run = CommandRun.of("send", "--url", url, "--rate", "100/s", "--duration", "2s", "--domain",
        "heartbeat", "--format", "json");

    JsonNode report = Samples.JSON.readTree(run.out());
    assertEquals("open", report.path("mode").asText());
    assertEquals(200, report.path("requestsSent").asLong() + report.path("notSentRequests").asLong(), run.toString());
    long accepted = report.path("responses2xx").asLong();
    assertEquals(report.path("requestsSent").asLong(), accepted + report.path("responses4xx").asLong()
        + report.path("responses5xx").asLong() + report.path("connectionErrors").asLong());
    assertEquals(accepted, kafka.consumeAll(collector.topicOf("heartbeat"), QUIET).size());
  }

  @Test
  void filesAreSentAsTheyAreSingleBatchAndNdjson(@TempDir Path dir) throws Exception {
    Path ndjson = dir.resolve("faults.ndjson");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      var event = Samples.event("fault");
      Samples.header(event).put("eventId", "ndjson-" + i);
      lines.add(event.toString());
    }
    Files.write(ndjson, lines);

    CommandRun run = CommandRun.of("send", "--url", url, "--file", Samples.v7("batch-fault").toString(),
        "--file", Samples.v7("heartbeat").toString(), "--file", ndjson.toString(), "--format", "json");

    assertEquals(0, run.exitCode(), run.toString());
    JsonNode report = Samples.JSON.readTree(run.out());
    assertEquals(5, report.path("requestsSent").asLong(), "one batch, one single event, three ndjson lines");
    assertEquals(7, report.path("eventsAccepted").asLong());
    Set<String> faultIds = headers(kafka.consumeAll(collector.topicOf("fault"), QUIET)).stream()
        .map(h -> h.path("eventId").asText()).collect(Collectors.toSet());
    assertEquals(Set.of("fault_gnb-cu-0012_0000042", "fault_gnb-du-0451_0000007", "fault_gnb-cu-0012_0000043",
        "ndjson-0", "ndjson-1", "ndjson-2"), faultIds);
    assertEquals(1, kafka.consumeAll(collector.topicOf("heartbeat"), QUIET).size());
  }

  @Test
  void refusedRequestsAreCountedAs4xxAndTheExitStatusSaysSo(@TempDir Path outcomes) throws Exception {
    CommandRun run = CommandRun.of("send", "--url", url, "--file", "samples/invalid/not-json.json",
        "--file", "samples/invalid/fault-missing-severity.json", "--format", "json",
        "--record-outcomes", outcomes.toString());

    assertEquals(1, run.exitCode(), run.toString());
    JsonNode report = Samples.JSON.readTree(run.out());
    assertEquals(2, report.path("requestsSent").asLong());
    assertEquals(2, report.path("responses4xx").asLong());
    assertEquals(2, report.path("statusCounts").path("400").asLong());
    assertEquals(0, report.path("responses2xx").asLong());
    assertTrue(report.path("firstError").asText().startsWith("HTTP 400"), report.toString());
    String failedId = Samples.tree(Path.of("samples/invalid/fault-missing-severity.json"))
        .path("event").path("commonEventHeader").path("eventId").asText();
    assertEquals(List.of(failedId + "\tstatus 400"), Files.readAllLines(outcomes.resolve(Outcomes.FAILED_FILE)));
  }

  @Test
  void aClosedPortCountsConnectionErrors() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    CommandRun run = CommandRun.of("send", "--url", "http://127.0.0.1:" + closedPort, "--count", "5", "-c", "1",
        "--format", "json");

    assertEquals(1, run.exitCode(), run.toString());
    JsonNode report = Samples.JSON.readTree(run.out());
    assertEquals(5, report.path("requestsSent").asLong());
    assertEquals(5, report.path("connectionErrors").asLong());
    assertEquals(0, report.path("responses2xx").asLong());
  }

  @Test
  void requestsTakeTurnsOverTheUrlsAndA503OrNoConnectionIsRetriedOnTheNextOneAndLogged(Vertx vertx, @TempDir Path dir)
      throws Exception {
    AtomicInteger stubRequests = new AtomicInteger();
    HttpServer unavailable = vertx.createHttpServer().requestHandler(request -> {
      stubRequests.incrementAndGet();
      request.response().setStatusCode(503).putHeader("Retry-After", "5").end();
    }).listen(0, "127.0.0.1").await();
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String stub = "http://127.0.0.1:" + unavailable.actualPort();
    String closed = "http://127.0.0.1:" + closedPort;
    Path log = dir.resolve("outcomes.jsonl");
    try {
      CommandRun run = CommandRun.of("send", "--url", stub, "--url", url + "," + closed, "--retries", "2",
          "--count", "30", "-c", "1", "--domain", "fault", "--format", "json", "--outcome-log", log.toString());

      assertEquals(0, run.exitCode(), run.toString());
      JsonNode report = Samples.JSON.readTree(run.out());
      assertEquals(30, report.path("responses2xx").asLong());
      // a third start at the 503 (one retry), a third at the collector, a third at the closed port (two retries)
      assertEquals(30, report.path("retries").asLong(), run.out());
      assertEquals(20, stubRequests.get());

      List<RequestOutcome> outcomes = OutcomeLog.read(log);
      assertEquals(30, outcomes.size());
      Map<String, List<RequestOutcome>> byFirstUrl = outcomes.stream()
          .collect(Collectors.groupingBy(o -> o.attempts().get(0).url()));
      assertEquals(Set.of(stub, url, closed), byFirstUrl.keySet());
      byFirstUrl.values().forEach(group -> assertEquals(10, group.size()));
      for (RequestOutcome o : outcomes) {
        assertEquals("202", o.outcome(), o.toString());
        RequestOutcome.Attempt last = o.attempts().get(o.attempts().size() - 1);
        assertEquals(url, last.url());
        assertEquals(202, last.status());
        assertTrue(o.latencyMicros() >= last.latencyMicros(), "latency counts from the due time: " + o);
      }
      byFirstUrl.get(stub).forEach(o -> assertEquals(List.of(503, 202), statuses(o)));
      byFirstUrl.get(closed).forEach(o -> {
        assertEquals(List.of(0, 503, 202), statuses(o));
        assertTrue(o.attempts().get(0).error().contains("Connection refused"), o.attempts().get(0).error());
      });
      Set<String> logged = outcomes.stream().flatMap(o -> o.eventIds().stream()).collect(Collectors.toSet());
      Set<String> stored = headers(kafka.consumeAll(collector.topicOf("fault"), QUIET)).stream()
          .map(h -> h.path("eventId").asText()).collect(Collectors.toSet());
      assertEquals(logged, stored);
    } finally {
      unavailable.close().await();
    }
  }

  private static List<Integer> statuses(RequestOutcome o) {
    return o.attempts().stream().map(RequestOutcome.Attempt::status).toList();
  }

  @Test
  void latencyIsAlsoSummarisedPerIntervalAndEveryAnswerFallsInOne() throws Exception {
    CommandRun run = CommandRun.of("send", "--url", url, "--rate", "50/s", "--duration", "3s", "--interval", "1s",
        "--domain", "heartbeat", "--format", "json");

    assertEquals(0, run.exitCode(), run.toString());
    JsonNode report = Samples.JSON.readTree(run.out());
    JsonNode intervals = report.path("intervals");
    assertTrue(intervals.size() >= 3, "a 3 s run has three 1 s intervals, the last maybe cut: " + intervals);
    long answers = 0;
    double from = 0;
    for (JsonNode i : intervals) {
      assertEquals(from, i.path("fromSeconds").asDouble(), 1e-9, "intervals follow each other: " + intervals);
      assertTrue(i.path("toSeconds").asDouble() > from && i.path("toSeconds").asDouble() <= from + 1.0 + 1e-9,
          "an interval is at most 1 s: " + i);
      assertTrue(i.path("latencyMs").path("p99").asDouble() <= i.path("latencyMs").path("max").asDouble(), i.toString());
      answers += i.path("answers").asLong();
      from = i.path("toSeconds").asDouble();
    }
    assertEquals(report.path("requestsSent").asLong(), answers, "each answer counted in exactly one interval");
    for (int n = 0; n < 3; n++) {
      assertTrue(intervals.get(n).path("answers").asLong() > 0, "50 answers a second: " + intervals);
    }

    CommandRun text = CommandRun.of("send", "--url", url, "--rate", "50/s", "--duration", "2s", "--interval", "1s",
        "--domain", "heartbeat");
    assertTrue(text.out().contains("    0-1     s"), "the text report lists the intervals:\n" + text.out());
  }

  @Test
  void anIntervalOfNoTimeIsRefused() {
    CommandRun run = CommandRun.of("send", "--url", url, "--count", "1", "--interval", "0s");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("interval"), run.toString());
  }

  @Test
  void textReportNamesEveryCount() {
    CommandRun run = CommandRun.of("send", "--url", url, "--count", "3", "--domain", "syslog");

    assertEquals(0, run.exitCode(), run.toString());
    for (String label : List.of("sent", "2xx", "4xx", "5xx", "connection errors", "events/s", "p50", "p90", "p99", "max")) {
      assertTrue(run.out().contains(label), label + " in\n" + run.out());
    }
  }

  private static List<JsonNode> headers(List<ConsumerRecord<String, byte[]>> records) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      out.add(Samples.JSON.readTree(r.value()).path("event").path("commonEventHeader"));
    }
    return out;
  }
}
