package io.vescollector.streaming;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vescollector.FreePort;
import io.vescollector.streaming.bus.SessionCheck;
import io.vescollector.streaming.bus.SessionEndpoint;
import io.vescollector.streaming.bus.SessionServer;
import io.vescollector.streaming.producer.ProducerPlan;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.TestKafka;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The project's message-bus proposal end to end: session API on the producer, records in our Kafka. */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
class StreamingOverBusTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PRODUCER_DN = "SubNetwork=Sim,ManagedElement=bus-1";

  @Test
  void aSessionPublishesTheSameRecordFormIntoOurKafkaUntilItIsDeleted(Vertx vertx, TestKafka kafka) throws Exception {
    String topic = kafka.uniqueTopic("bus-pm");
    try (SessionServer producer = SessionServer.start(vertx, "127.0.0.1", 0, "/3GPPManagement",
        new SessionEndpoint(vertx, JSON, PRODUCER_DN, 60, 200))) {
      ProducerPlan plan = new ProducerPlan("bus", 1, 2, 4, 60, 0, 0);
      SessionCheck check = new SessionCheck("http://127.0.0.1:" + producer.port() + "/3GPPManagement",
          kafka.clientSettings(), topic, new PrintStream(OutputStream.nullOutputStream()), Duration.ZERO);
      ObjectNode request = check.request("SubNetwork=Sim,ManagementFunction=collector", plan.streamInfos(JSON, 0));
      SessionCheck.Result result = check.run(request, Duration.ofSeconds(2), Duration.ofSeconds(10));

      assertTrue(result.records() > 0, "no record of the session arrived");
      assertEquals(result.records() * 4, result.values());
      assertTrue(producer.sessions().sessions().isEmpty(), "DELETE did not end the session");
      assertEquals(404, WebClient.create(vertx).getAbs(result.session()).send().await().statusCode());

      ConsumerRecord<String, byte[]> r = kafka.consume(topic, 1, Duration.ofSeconds(10)).get(0);
      JsonNode unit = JSON.readTree(r.value());
      assertEquals(PRODUCER_DN, unit.path("producer").asText());
      assertEquals(result.session(), unit.path("sessionId").asText());
      assertEquals(r.key(), unit.path("streamId").asText());
      assertTrue(r.key().equals(plan.streamId(0, 0)) || r.key().equals(plan.streamId(0, 1)), r.key());
      assertEquals(List.of("DRB.UEThpDl", "DRB.UEThpUl", "RRU.PrbUsedDl", "RRU.PrbUsedUl"), names(unit.path("values")));
      assertTrue(unit.path("measObjDn").asText().startsWith(plan.producerDn(0)));
      assertEquals("PERFORMANCE", new String(r.headers().lastHeader("stream-type").value(), StandardCharsets.UTF_8));
      assertEquals(result.session(), new String(r.headers().lastHeader("session-id").value(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aSessionRequestWithoutBrokerOrWithBadStreamsIsRefusedNamingWhy(Vertx vertx) {
    try (SessionServer producer = SessionServer.start(vertx, "127.0.0.1", 0, "", new SessionEndpoint(vertx, JSON, PRODUCER_DN, 60, 10))) {
      WebClient client = WebClient.create(vertx);
      String url = "http://127.0.0.1:" + producer.port() + "/StreamingDataReportingMnS/v1/sessions";
      ArrayNode streams = JSON.createArrayNode();
      streams.add(JSON.valueToTree(StreamingSamples.trace("T1").getMap()));
      ObjectNode body = JSON.createObjectNode();
      body.putArray("brokerEndpoints").addObject().put("topic", "t");
      body.set("streams", streams);
      HttpResponse<Buffer> r = client.postAbs(url).sendBuffer(Buffer.buffer(body.toString())).await();
      assertEquals(400, r.statusCode());
      String errors = r.bodyAsJsonObject().getJsonArray("error").encode();
      assertTrue(errors.contains("bootstrapServers"), errors);
      assertTrue(errors.contains("\"streamId\":\"T1\"") && errors.contains("only PERFORMANCE"), errors);
      assertEquals(404, client.getAbs(url + "/nope").send().await().statusCode());
      JsonObject notFound = client.deleteAbs(url + "/nope").send().await().bodyAsJsonObject();
      assertTrue(notFound.getJsonObject("error").getString("errorInfo").contains("nope"));
    }
  }

  @Test
  void aProducerRunsABoundedNumberOfSessions(Vertx vertx, TestKafka kafka) {
    try (SessionServer producer = SessionServer.start(vertx, "127.0.0.1", 0, "", new SessionEndpoint(vertx, JSON, PRODUCER_DN, 60, 1, 1))) {
      WebClient client = WebClient.create(vertx);
      String url = "http://127.0.0.1:" + producer.port() + "/StreamingDataReportingMnS/v1/sessions";
      ProducerPlan plan = new ProducerPlan("bus", 1, 1, 1, 60, 0, 0);
      ObjectNode body = JSON.createObjectNode();
      body.putArray("brokerEndpoints").addObject().put("bootstrapServers", kafka.bootstrapServers())
          .put("topic", kafka.uniqueTopic("bus-bound"));
      body.set("streams", JSON.valueToTree(plan.streamInfos(JSON, 0)));
      assertEquals(201, client.postAbs(url).sendBuffer(Buffer.buffer(body.toString())).await().statusCode());
      HttpResponse<Buffer> second = client.postAbs(url).sendBuffer(Buffer.buffer(body.toString())).await();
      assertEquals(503, second.statusCode(), second.bodyAsString());
      assertTrue(second.bodyAsString().contains("1 sessions at most"), second.bodyAsString());
    }
  }

  @Test
  void withoutAProducerTheCheckSaysWhereItFoundNone(TestKafka kafka) {
    int port = FreePort.on("127.0.0.1");
    SessionCheck check = new SessionCheck("http://127.0.0.1:" + port, kafka.clientSettings(), kafka.uniqueTopic("bus-none"),
        new PrintStream(OutputStream.nullOutputStream()), Duration.ofSeconds(1));
    ObjectNode request = check.request("SubNetwork=Sim", new ProducerPlan("bus", 1, 1, 1, 60, 0, 0).streamInfos(JSON, 0));
    IOException e = assertThrows(IOException.class, () -> check.run(request, Duration.ofSeconds(1), Duration.ofSeconds(10)));
    assertEquals("no producer at http://127.0.0.1:" + port + "/StreamingDataReportingMnS/v1/sessions: the connection was"
        + " refused for 1 s; is stream-producer --mode bus running and listening there?", e.getMessage());
  }

  @Test
  void aProducerStillStartingIsWaitedFor(Vertx vertx, TestKafka kafka) throws Exception {
    int port = FreePort.on("127.0.0.1");
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    SessionCheck check = new SessionCheck("http://127.0.0.1:" + port, kafka.clientSettings(), kafka.uniqueTopic("bus-late"),
        new PrintStream(said, true, StandardCharsets.UTF_8), Duration.ofSeconds(30));
    ObjectNode request = check.request("SubNetwork=Sim", new ProducerPlan("bus", 1, 1, 1, 60, 0, 0).streamInfos(JSON, 0));
    CompletableFuture<SessionCheck.Result> run = CompletableFuture.supplyAsync(() -> {
      try {
        return check.run(request, Duration.ofSeconds(2), Duration.ofSeconds(10));
      } catch (IOException | InterruptedException e) {
        throw new CompletionException(e);
      }
    });
    await("the check waits for the producer").atMost(Duration.ofSeconds(60))
        .until(() -> said.toString(StandardCharsets.UTF_8).contains("Waiting for the producer at"));
    try (SessionServer producer = SessionServer.start(vertx, "127.0.0.1", port, "", new SessionEndpoint(vertx, JSON, PRODUCER_DN, 60, 200))) {
      SessionCheck.Result result = run.get(60, TimeUnit.SECONDS);
      assertTrue(result.records() > 0, "no record of the session arrived: " + said.toString(StandardCharsets.UTF_8));
      assertTrue(producer.sessions().sessions().isEmpty(), "DELETE did not end the session");
    }
  }

  private static List<String> names(JsonNode values) {
    List<String> out = new ArrayList<>();
    values.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
