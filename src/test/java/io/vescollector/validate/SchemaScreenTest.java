package io.vescollector.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import io.vescollector.testkit.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The screen must clear the valid events people send (or it saves nothing) and must never clear one
 * the schema rejects (or invalid events would be published). Random edits are in
 * {@link SchemaScreenProperties}.
 */
class SchemaScreenTest {
  private static final SchemaCatalog CATALOG = new SchemaCatalog();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void clearsEverySampleEvent() throws IOException {
    List<String> notCleared = new ArrayList<>();
    int cleared = 0;
    for (Sample sample : samples(Samples.ROOT.resolve("v7"), VesVersion.V7, Samples.ROOT.resolve("v5"), VesVersion.V5)) {
      assertTrue(networkntErrors(sample).isEmpty(), sample.name + " is a valid sample");
      SchemaScreen.Result result = CATALOG.eventScreen(sample.version).check(sample.event);
      if (result == SchemaScreen.Result.VALID) {
        cleared++;
      } else {
        notCleared.add(sample.name + ": " + result);
      }
    }
    assertEquals(List.of(), notCleared);
    assertTrue(cleared >= 17, "cleared " + cleared);
  }

  @Test
  void anIntegerWrittenWithAFractionIsLeftToNetworknt() {
    ObjectNode event = (ObjectNode) Samples.event("heartbeat").get("event");
    ((ObjectNode) event.get("commonEventHeader")).put("sequence", 7.0);
    assertEquals(SchemaScreen.Result.UNSURE, CATALOG.eventScreen(VesVersion.V7).check(event));
  }

  @Test
  void formatsAreJudgedAsTheFullCheckJudgesThem() {
    ObjectNode event = (ObjectNode) Samples.event("pnfRegistration").get("event");
    ObjectNode fields = (ObjectNode) event.get("pnfRegistrationFields");
    fields.put("oamV4IpAddress", "10.0.0.300");
    assertEquals(SchemaScreen.Result.INVALID, CATALOG.eventScreen(VesVersion.V7).check(event));
    assertNotEquals(List.of(), CATALOG.eventSchema(VesVersion.V7).validate(event));
    fields.put("oamV4IpAddress", "10.0.0.30");
    assertEquals(SchemaScreen.Result.VALID, CATALOG.eventScreen(VesVersion.V7).check(event));
  }

  @Test
  void certainViolationsAreNotCleared() {
    ObjectNode missing = (ObjectNode) Samples.event("fault").get("event");
    ((ObjectNode) missing.get("faultFields")).remove("eventSeverity");
    ObjectNode unknownField = (ObjectNode) Samples.event("fault").get("event");
    ((ObjectNode) unknownField.get("commonEventHeader")).put("colour", "red");
    ObjectNode badEnum = (ObjectNode) Samples.event("fault").get("event");
    ((ObjectNode) badEnum.get("commonEventHeader")).put("priority", "Urgent");
    for (ObjectNode event : List.of(missing, unknownField, badEnum)) {
      assertEquals(SchemaScreen.Result.INVALID, CATALOG.eventScreen(VesVersion.V7).check(event));
      assertNotEquals(List.of(), CATALOG.eventSchema(VesVersion.V7).validate(event));
    }
  }

  /** ONAP's sample events, valid and invalid, against our schemas: cleared only when networknt agrees. */
  @Test
  void neverClearsAnOnapSampleEventThatTheSchemaRejects() throws IOException {
    Path events = ReferenceSchemaAgreementTest.REFDATA.resolve("events");
    Assumptions.assumeTrue(Files.isDirectory(events), "../shared/refdata/ves is absent: ONAP's events are not screened");
    int cleared = 0;
    int rejected = 0;
    List<Path> files;
    try (Stream<Path> walk = Files.walk(events)) {
      files = walk.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    for (Path file : files) {
      JsonNode document;
      try {
        document = JSON.readTree(file.toFile());
      } catch (IOException e) {
        continue; // malformed on purpose
      }
      for (JsonNode event : eventsOf(document)) {
        for (VesVersion version : VesVersion.values()) {
          boolean valid = CATALOG.eventSchema(version).validate(event).isEmpty();
          if (CATALOG.eventScreen(version).check(event) == SchemaScreen.Result.VALID) {
            assertTrue(valid, file + " cleared for " + version + " but the schema rejects it");
            cleared++;
          } else if (!valid) {
            rejected++;
          }
        }
      }
    }
    assertTrue(cleared > 20 && rejected > 20, "cleared " + cleared + ", rejected " + rejected);
  }

  record Sample(String name, VesVersion version, JsonNode event) {}

  static List<Sample> samples(Object... dirsAndVersions) throws IOException {
    List<Sample> all = new ArrayList<>();
    for (int i = 0; i < dirsAndVersions.length; i += 2) {
      Path dir = (Path) dirsAndVersions[i];
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
          for (JsonNode event : eventsOf(JSON.readTree(file.toFile()))) {
            all.add(new Sample(file.getFileName().toString(), (VesVersion) dirsAndVersions[i + 1], event));
          }
        }
      }
    }
    return all;
  }

  static List<JsonNode> eventsOf(JsonNode document) {
    List<JsonNode> events = new ArrayList<>();
    if (document.has("event")) {
      events.add(document.get("event"));
    }
    document.path("eventList").forEach(events::add);
    return events;
  }

  private static List<Error> networkntErrors(Sample sample) {
    return CATALOG.eventSchema(sample.version).validate(sample.event);
  }
}
