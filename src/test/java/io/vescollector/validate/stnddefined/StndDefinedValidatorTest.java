package io.vescollector.validate.stnddefined;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.answer.VesError;
import io.vescollector.parse.ParsedRequest;
import io.vescollector.testkit.Samples;
import io.vescollector.validate.Rejection;
import io.vescollector.validate.Violation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * stndDefinedFields.data against the project's own OpenAPI fixtures (src/test/resources/stnddefined):
 * how references resolve, ONAP's error ids, and the OpenAPI 3.0 particulars.
 */
class StndDefinedValidatorTest {
  static final Path FIXTURES = Path.of("src/test/resources/stnddefined");
  static final String BASE = "https://schemas.example.org/rel-x/";

  private final StndDefinedValidator validator = validator(StndDefinedSettings.MissingSchemaReference.ACCEPT);

  static StndDefinedValidator validator(StndDefinedSettings.MissingSchemaReference missing) {
    SchemaMap map = SchemaMap.load(FIXTURES.resolve("schema-map.yaml"), false);
    return new StndDefinedValidator(new LocalSchemaSet(FIXTURES.resolve("schemas"), map), missing);
  }

  static ObjectNode event() {
    return Samples.tree(FIXTURES.resolve("event.json"));
  }

  static ObjectNode fields(ObjectNode document) {
    return (ObjectNode) document.path("event").path("stndDefinedFields");
  }

  private Optional<Rejection> check(ObjectNode document) {
    return validator.check(new ParsedRequest(List.of(document.get("event")), false));
  }

  @Test
  void dataMatchingTheSchemaAcrossFilesWithNullAndAnOverlappingOneOfPasses() {
    assertEquals(Optional.empty(), check(event()));
  }

  @Test
  void fragmentWithoutLeadingSlashIsAcceptedAsOnapDoes() {
    ObjectNode doc = event();
    fields(doc).put("schemaReference", BASE + "alarms.yaml#components/schemas/NotifyTestAlarm");
    assertEquals(Optional.empty(), check(doc));
  }

  @Test
  void invalidDataIsSvc2000WithPointersIntoTheRequestBody() {
    ObjectNode doc = event();
    ObjectNode data = (ObjectNode) fields(doc).get("data");
    data.put("perceivedSeverity", "SEVERE");
    data.put("notificationId", "seven");   // from the other file (allOf + $ref)
    data.put("source", "not a DN");        // matches no oneOf branch
    Rejection r = check(doc).orElseThrow();
    assertEquals(VesError.SVC2000, r.problem().error());
    assertEquals(400, r.problem().status());
    assertEquals(StndDefinedValidator.DATA_INVALID, r.problem().variables().get(0));
    assertEquals("400", r.problem().variables().get(1));
    List<String> pointers = r.violations().stream().map(Violation::pointer).toList();
    assertTrue(pointers.contains("/event/stndDefinedFields/data/perceivedSeverity"), pointers.toString());
    assertTrue(pointers.contains("/event/stndDefinedFields/data/notificationId"), pointers.toString());
    assertTrue(pointers.stream().anyMatch(p -> p.startsWith("/event/stndDefinedFields/data/source")), pointers.toString());
    assertTrue(r.problem().variables().stream().anyMatch(v -> v.contains("SEVERE")), r.problem().variables().toString());
  }

  @Test
  void nullIsRefusedWhereTheSchemaIsNotNullable() {
    ObjectNode doc = event();
    ((ObjectNode) fields(doc).get("data")).putNull("alarmId");
    Rejection r = check(doc).orElseThrow();
    assertEquals("/event/stndDefinedFields/data/alarmId", r.violations().get(0).pointer());
  }

  @Test
  void urlOutsideTheMapIsSvc2004AndNeverFetched() {
    ObjectNode doc = event();
    fields(doc).put("schemaReference", "http://127.0.0.1:9/alarms.yaml#/components/schemas/NotifyTestAlarm");
    Rejection r = check(doc).orElseThrow();
    assertEquals(VesError.SVC2004, r.problem().error());
    assertEquals(List.of("attribute", "event.stndDefinedFields.schemaReference",
        "Referred external schema not present in schema repository"), r.problem().variables().subList(0, 3));
    assertEquals("/event/stndDefinedFields/schemaReference", r.violations().get(0).pointer());
  }

  @Test
  void mappedFileThatDoesNotExistOrLeavesTheDirectoryIsSvc2004() {
    for (String ref : List.of(BASE + "absent.yaml#/components/schemas/X",
        BASE + "../../schema-map.yaml#/mappings", BASE + "alarms.yaml")) {
      ObjectNode doc = event();
      fields(doc).put("schemaReference", ref);
      assertEquals(VesError.SVC2004, check(doc).orElseThrow().problem().error(), ref);
    }
  }

  @Test
  void fragmentThatNamesNothingIsSvc2000() {
    ObjectNode doc = event();
    fields(doc).put("schemaReference", BASE + "alarms.yaml#/components/schemas/NoSuchThing");
    Rejection r = check(doc).orElseThrow();
    assertEquals(VesError.SVC2000, r.problem().error());
    assertEquals(StndDefinedValidator.NO_SUCH_SCHEMA, r.problem().variables().get(0));
  }

  @Test
  void fileWithADanglingRefIsRefusedAsAWholeAsOnapDoes() {
    ObjectNode doc = event();
    fields(doc).put("schemaReference", BASE + "broken.yaml#/components/schemas/NotifyBroken");
    Rejection r = check(doc).orElseThrow();
    assertEquals(VesError.SVC2000, r.problem().error());
    assertTrue(r.violations().get(0).message().contains("missing.yaml"), r.violations().get(0).message());
  }

  @Test
  void missingSchemaReferenceIsAcceptedOrRejectedBySetting() {
    ObjectNode doc = event();
    fields(doc).remove("schemaReference");
    ((ObjectNode) fields(doc).get("data")).put("perceivedSeverity", "not checked");
    assertEquals(Optional.empty(), check(doc));
    Rejection r = validator(StndDefinedSettings.MissingSchemaReference.REJECT)
        .check(new ParsedRequest(List.of(doc.get("event")), false)).orElseThrow();
    assertEquals(VesError.SVC2006, r.problem().error());
  }

  @Test
  void batchPointersNameTheElement() {
    ObjectNode good = event();
    ObjectNode bad = event();
    ((ObjectNode) fields(bad).get("data")).remove("alarmId");
    Rejection r = validator.check(new ParsedRequest(List.of(good.get("event"), bad.get("event")), true)).orElseThrow();
    assertEquals("/eventList/1/stndDefinedFields/data/alarmId", r.violations().get(0).pointer());
  }

  @Test
  void otherDomainsAreNotLookedAt() {
    assertEquals(Optional.empty(), validator.check(new ParsedRequest(List.of(Samples.event("fault").get("event")), false)));
  }
}
