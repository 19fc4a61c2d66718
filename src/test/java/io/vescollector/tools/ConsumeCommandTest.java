package io.vescollector.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vescollector.testkit.CollectorExtension;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.CommandRun;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestKafka;
import io.vescollector.tools.send.LoadResult;
import io.vescollector.tools.send.LoadRun;
import io.vescollector.tools.send.SendOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code consume} reads back what {@code send} stored through a collector: all of it, filtered, or summarised. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsumeCommandTest {
  private static final int EVENTS = 12;
  @RegisterExtension
  static final CollectorExtension COLLECTOR = CollectorExtension.withDefaults();

  private final CollectorHarness collector = COLLECTOR.harness();
  private final TestKafka kafka = COLLECTOR.kafka();
  private Path config;
  private LoadResult sent;

  @BeforeAll
  void sendTwelveFaults(@TempDir Path dir) throws Exception {
    // the tool's routing table is the collector's: a config naming this collector's fault topic
    config = dir.resolve("collector.yaml");
    Files.writeString(config, "routing:\n  domains:\n    fault: " + collector.topicOf("fault") + "\n");
    SendOptions options = SendOptions.defaults("http://127.0.0.1:" + collector.port())
        .withCount(EVENTS).withRecordOutcomes(true);
    sent = new LoadRun(COLLECTOR.vertx(), options, LoadRun.sourceFor(options, new ObjectMapper(), Clock.systemUTC()),
        null).start().await();
    assertEquals(EVENTS, sent.responses2xx(), "setup: the collector accepted every event");
  }

  private CommandRun consume(String... args) {
    List<String> all = new ArrayList<>(List.of("consume", "--bootstrap", kafka.bootstrapServers(),
        "--config", config.toString(), "--domain", "fault", "--from-beginning"));
    all.addAll(List.of(args));
    if (!all.contains("--timeout")) {
      all.addAll(List.of("--timeout", "20s"));
    }
    return CommandRun.of(all.toArray(String[]::new));
  }

  @Test
  void jsonPrintsEachStoredRecordValueOnOneLine() throws IOException {
    CommandRun run = consume("--max", String.valueOf(EVENTS), "--format", "json");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(EVENTS, run.lines().size(), run.toString());
    Set<String> ids = new HashSet<>();
    for (String line : run.lines()) {
      JsonNode header = Samples.JSON.readTree(line).path("event").path("commonEventHeader");
      assertEquals("fault", header.path("domain").asText());
      assertTrue(header.path("internalHeaderFields").has("requestId"), line);
      ids.add(header.path("eventId").asText());
    }
    assertEquals(new HashSet<>(sent.outcomes().accepted()), ids);
  }

  @Test
  void filtersOnDottedPathsAllMustMatch() throws IOException {
    CommandRun bySource = consume("--max", String.valueOf(EVENTS), "--timeout", "3s", "--format", "json",
        "--filter", "commonEventHeader.sourceName=sim-nf-0002");
    assertEquals(2, bySource.lines().size(), "12 events over 10 sources: sim-nf-0002 sent 2\n" + bySource);
    for (String line : bySource.lines()) {
      assertEquals("sim-nf-0002", Samples.JSON.readTree(line).at("/event/commonEventHeader/sourceName").asText());
    }

    CommandRun both = consume("--max", "1", "--format", "json", "--filter", "commonEventHeader.sourceName=sim-nf-0002",
        "--filter", "event.commonEventHeader.sequence=1");
    assertEquals(1, both.lines().size(), both.toString());
    assertEquals(1, Samples.JSON.readTree(both.lines().get(0)).at("/event/commonEventHeader/sequence").asLong());
  }

  @Test
  void summaryCountsPerDomainAndSourceAndMeasuresDelay() {
    CommandRun run = consume("--max", String.valueOf(EVENTS), "--format", "summary");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().startsWith(EVENTS + " events"), run.out());
    assertTrue(run.out().matches("(?s).*\\n\\s+fault\\s+" + EVENTS + "\\n.*"), run.out());
    assertTrue(run.out().matches("(?s).*\\n\\s+sim-nf-0001\\s+2\\n.*"), run.out());
    assertTrue(run.out().matches("(?s).*\\n\\s+sim-nf-0010\\s+1\\n.*"), run.out());
    assertTrue(run.out().matches("(?s).*collectorTimeStamp\\s+p50 .* p99 .* max .*\\(" + EVENTS + " events\\).*"), run.out());
    assertTrue(run.out().matches("(?s).*lastEpochMicrosec\\s+p50 .*\\(" + EVENTS + " events\\).*"), run.out());
  }

  @Test
  void prettyShowsWhereEachRecordCameFromAndItsHeaders() {
    CommandRun run = consume("--max", "1", "--format", "pretty");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().startsWith("--- " + collector.topicOf("fault") + "  partition "), run.out());
    assertTrue(run.out().contains("key: sim-nf-"), run.out());
    assertTrue(run.out().contains("ves-domain: fault"), run.out());
    assertTrue(run.out().contains("ves-request-id: "), run.out());
    assertTrue(run.out().contains("\"faultFields\" : {"), run.out());
  }

  @Test
  void withoutFromBeginningOnlyNewRecordsAreShownAndTheTimeoutEndsTheWait() {
    CommandRun run = CommandRun.of("consume", "--bootstrap", kafka.bootstrapServers(),
        "--topic", collector.topicOf("fault"), "--timeout", "2s", "--format", "json");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(List.of(), run.lines());
  }

  @Test
  void aTopicThatDoesNotExistIsNamedWhenTheTimeoutEndsTheWait() {
    CommandRun run = CommandRun.of("consume", "--bootstrap", kafka.bootstrapServers(),
        "--topic", "no-such-topic-" + System.nanoTime(), "--timeout", "2s", "--format", "json");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(List.of(), run.lines());
    assertTrue(run.err().contains("consume: none of the topics exists yet: no-such-topic-"), run.toString());
  }

  @Test
  void aBrokerThatNeverAnswersIsAnErrorThatNamesIt() throws IOException {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CommandRun run = CommandRun.of("consume", "--bootstrap", "127.0.0.1:" + closedPort,
        "--topic", collector.topicOf("fault"), "--timeout", "2s", "--format", "json");

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.err().contains("consume: no answer from Kafka at 127.0.0.1:" + closedPort
        + ": is the broker running there?"), run.toString());
  }
}
