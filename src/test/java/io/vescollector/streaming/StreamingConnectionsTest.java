package io.vescollector.streaming;

import static io.vescollector.streaming.StreamingSamples.BASE;
import static io.vescollector.streaming.StreamingSamples.PRODUCER;
import static io.vescollector.streaming.StreamingSamples.performance;
import static io.vescollector.streaming.StreamingSamples.request;
import static io.vescollector.streaming.StreamingSamples.trace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.TestKafka;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** TS 28.532 streaming target, REST side: the connection and stream resources and their errors. */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingConnectionsTest {
  private CollectorHarness collector;

  @BeforeAll
  void start(Vertx vertx, TestKafka kafka) {
    collector = CollectorHarness.start(vertx, kafka, Map.of());
  }

  @AfterAll
  void stop() {
    collector.close();
  }

  private HttpResponse<Buffer> post(String path, Object body) {
    return collector.post(path, body.toString());
  }

  private String establish(JsonObject... streams) {
    HttpResponse<Buffer> r = post(BASE + "/connections", request(streams));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    String location = r.getHeader("Location");
    assertNotNull(location);
    return location;
  }

  private static String path(String location) {
    return location.substring(location.indexOf(BASE));
  }

  private static JsonObject errorInfo(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getJsonObject("error");
  }

  @Test
  void establishingAConnectionAnswers201WithItsUriAndItCanBeRead() {
    String location = establish(performance("26F452550021", "ManagedElement=1,NRCellDU=1", "DRB.UEThpDl", "RRU.PrbUsedDl"));
    assertTrue(location.matches("http://127\\.0\\.0\\.1:\\d+/StreamingDataReportingMnS/v1/connections/[0-9a-f-]{36}"), location);

    HttpResponse<Buffer> info = collector.get(path(location));
    assertEquals(200, info.statusCode(), info.bodyAsString());
    assertEquals(new JsonObject().put("connection", location).put("producer", PRODUCER)
        .put("streams", new JsonArray().add("26F452550021")), info.bodyAsJsonObject());
  }

  @Test
  void anyVersionSegmentOfTheFormVDigitsIsAcceptedAndOthersAre404() {
    HttpResponse<Buffer> v2 = post("/StreamingDataReportingMnS/v18/connections", request());
    assertEquals(201, v2.statusCode(), v2.bodyAsString());
    HttpResponse<Buffer> bad = post("/StreamingDataReportingMnS/latest/connections", request());
    assertEquals(404, bad.statusCode());
    assertTrue(errorInfo(bad).getString("errorInfo").contains("latest"), bad.bodyAsString());
  }

  @Test
  void listingConnectionsGivesAllOrThoseNamedAnd202WhenSomeAreUnknown() {
    String a = establish(trace("4358070034D7"));
    String b = establish();
    HttpResponse<Buffer> all = collector.get(BASE + "/connections");
    assertEquals(200, all.statusCode());
    String body = all.bodyAsString();
    assertTrue(body.contains(a) && body.contains(b), body);

    HttpResponse<Buffer> named = collector.get(BASE + "/connections?connectionIdList=" + a + "&connectionIdList=" + b);
    assertEquals(200, named.statusCode(), named.bodyAsString());
    assertEquals(2, named.bodyAsJsonArray().size());

    HttpResponse<Buffer> partial = collector.get(BASE + "/connections?connectionIdList=" + a + ",no-such-connection");
    assertEquals(202, partial.statusCode(), partial.bodyAsString());
    assertEquals(1, partial.bodyAsJsonArray().size());
    assertEquals(a, partial.bodyAsJsonArray().getJsonObject(0).getString("connection"));

    HttpResponse<Buffer> none = collector.get(BASE + "/connections?connectionIdList=no-such-connection");
    assertEquals(404, none.statusCode());
  }

  @Test
  void aBadStreamInfoRefusesTheConnectionNamingTheStreamAndTheReason() {
    JsonObject noMetrics = performance("S1", "ManagedElement=1");
    noMetrics.getJsonObject("additionalInfo").remove("performanceMetrics");
    JsonObject badType = trace("S2").put("streamType", "LOGS");
    JsonObject json = trace("S3").put("serializationFormat", "JSON");
    HttpResponse<Buffer> r = post(BASE + "/connections", request(noMetrics, badType, json, performance("S4", "ME=1", "a")));

    assertEquals(400, r.statusCode());
    JsonArray errors = r.bodyAsJsonObject().getJsonArray("error");
    assertEquals(3, errors.size(), r.bodyAsString());
    assertEquals("S1", errors.getJsonObject(0).getString("streamId"));
    assertTrue(errors.getJsonObject(0).getString("errorReason").contains("performanceMetrics"));
    assertEquals("S2", errors.getJsonObject(1).getString("streamId"));
    assertTrue(errors.getJsonObject(1).getString("errorReason").contains("streamType"));
    assertTrue(errors.getJsonObject(2).getString("errorReason").contains("serializationFormat"));
  }

  @Test
  void aBodyThatIsNotAConnectionRequestIsRefusedInTheFailedConnectionShape() {
    HttpResponse<Buffer> r = collector.post(BASE + "/connections", "{not json");
    assertEquals(400, r.statusCode());
    JsonObject first = r.bodyAsJsonObject().getJsonArray("error").getJsonObject(0);
    assertTrue(first.getString("errorReason").contains("connectionRequest"), r.bodyAsString());
    HttpResponse<Buffer> dup = post(BASE + "/connections", request(trace("X"), trace("X")));
    assertEquals(400, dup.statusCode());
    assertEquals("X", dup.bodyAsJsonObject().getJsonArray("error").getJsonObject(0).getString("streamId"));
  }

  @Test
  void anUnknownConnectionIs404WithAnErrorInfoBody() {
    for (HttpResponse<Buffer> r : new HttpResponse[] {
        collector.get(BASE + "/connections/does-not-exist"),
        collector.get(BASE + "/connections/does-not-exist/streams?streamIds=a"),
        collector.get(BASE + "/connections/does-not-exist/streams/a"),
        post(BASE + "/connections/does-not-exist/streams", new JsonArray().add(trace("A")))}) {
      assertEquals(404, r.statusCode());
      assertTrue(errorInfo(r).getString("errorInfo").contains("does-not-exist"), r.bodyAsString());
    }
  }

  @Test
  void addStreamAnswers201WhenAllAreAddedAnd202WhenOnlySomeAre() {
    String c = path(establish(trace("T1")));
    HttpResponse<Buffer> all = post(c + "/streams", new JsonArray().add(performance("P1", "ME=1", "m1")));
    assertEquals(201, all.statusCode(), all.bodyAsString());
    assertEquals("P1", all.bodyAsJsonArray().getJsonObject(0).getString("streamId"));

    JsonObject bad = performance("P3", "ME=1");
    HttpResponse<Buffer> some = post(c + "/streams", new JsonArray().add(performance("P2", "ME=2", "m1")).add(bad).add(trace("T1")));
    assertEquals(202, some.statusCode(), some.bodyAsString());
    assertEquals(1, some.bodyAsJsonArray().size());
    assertEquals("P2", some.bodyAsJsonArray().getJsonObject(0).getString("streamId"));

    HttpResponse<Buffer> none = post(c + "/streams", new JsonArray().add(bad));
    assertEquals(400, none.statusCode());
    assertTrue(errorInfo(none).getString("errorInfo").contains("P3"), none.bodyAsString());

    JsonArray ids = collector.get(c).bodyAsJsonObject().getJsonArray("streams");
    assertEquals(new JsonArray().add("T1").add("P1").add("P2"), ids);
  }

  @Test
  void streamInfoIsReturnedWithItsReporters() {
    JsonObject p1 = performance("P1", "ME=1", "m1", "m2");
    String c = path(establish(p1, trace("T1")));
    HttpResponse<Buffer> one = collector.get(c + "/streams/P1");
    assertEquals(200, one.statusCode(), one.bodyAsString());
    assertEquals(new JsonObject().put("streamInfo", p1).put("reporters", new JsonArray().add(PRODUCER)), one.bodyAsJsonObject());

    HttpResponse<Buffer> both = collector.get(c + "/streams?streamIds=P1&streamIds=T1");
    assertEquals(200, both.statusCode());
    assertEquals(2, both.bodyAsJsonArray().size());
    HttpResponse<Buffer> partial = collector.get(c + "/streams?streamIds=P1,nope");
    assertEquals(202, partial.statusCode());
    assertEquals(1, partial.bodyAsJsonArray().size());
    assertEquals(404, collector.get(c + "/streams?streamIds=nope").statusCode());
    assertEquals(404, collector.get(c + "/streams/nope").statusCode());
    assertEquals(400, collector.get(c + "/streams").statusCode());
  }

  @Test
  void deleteStreamAnswers204AndRemovesOnlyWhenEveryNamedStreamExists() {
    String c = path(establish(trace("T1"), trace("T2"), trace("T3")));
    HttpResponse<Buffer> unknown = collector.client().delete(c + "/streams?streamIds=T1,nope").send().await();
    assertEquals(404, unknown.statusCode());
    assertTrue(errorInfo(unknown).getString("errorInfo").contains("nope"));
    assertEquals(3, collector.get(c).bodyAsJsonObject().getJsonArray("streams").size());

    HttpResponse<Buffer> deleted = collector.client().delete(c + "/streams?streamIds=T1&streamIds=T3").send().await();
    assertEquals(204, deleted.statusCode(), deleted.bodyAsString());
    assertEquals(new JsonArray().add("T2"), collector.get(c).bodyAsJsonObject().getJsonArray("streams"));
    assertEquals(400, collector.client().delete(c + "/streams").send().await().statusCode());
  }
}
