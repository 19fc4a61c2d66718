package io.vescollector.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.vescollector.parse.JsonLimits;
import io.vescollector.parse.VesRequestParser;
import io.vescollector.validate.report.DocumentChecker;
import io.vescollector.validate.report.EventVerdict;
import io.vescollector.validate.report.VersionChoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Our schemas must judge every ONAP sample event as the official Common Event Format schemas do:
 * event by event through the collector's {@link EventValidator}, and document by document through
 * the {@code validate} command's {@link DocumentChecker}. Both sides use networknt, so a
 * disagreement is a difference between the schemas, never between validators.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceSchemaAgreementTest {
  static final Path REFDATA = Path.of("..", "shared", "refdata", "ves");
  static final Map<VesVersion, String> OFFICIAL = Map.of(
      VesVersion.V7, "CommonEventFormat_30.2.1_ONAP.json",
      VesVersion.V5, "CommonEventFormat_28.4.1.json",
      VesVersion.V4, "CommonEventFormat_27.2.json");

  private final ObjectMapper json = new ObjectMapper();
  private final EventValidator ours = new EventValidator(new SchemaCatalog());
  private SchemaRegistry official;
  private List<Path> files;

  @BeforeAll
  void load() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(REFDATA.resolve("events")),
        "../shared/refdata/ves is absent: agreement with the official VES schemas is not checked");
    HashMap<String, String> schemas = new HashMap<>();
    for (Map.Entry<VesVersion, String> e : OFFICIAL.entrySet()) {
      schemas.put(iri(e.getKey()), Files.readString(REFDATA.resolve("schemas").resolve(e.getValue())));
    }
    official = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4, b -> b.schemas(schemas));
    try (Stream<Path> walk = Files.walk(REFDATA.resolve("events"))) {
      files = walk.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertTrue(files.size() > 50, "expected ONAP's sample events, found " + files.size());
  }

  private static String iri(VesVersion version) {
    return "https://reference.invalid/" + OFFICIAL.get(version);
  }

  private Schema official(VesVersion version, String fragment) {
    return official.getSchema(SchemaLocation.of(iri(version) + fragment));
  }

  @Test
  void everySampleEventGetsTheOfficialSchemasVerdictFromTheCollectorsValidator() throws IOException {
    List<String> disagreements = new ArrayList<>();
    int compared = 0;
    for (Path file : files) {
      JsonNode doc;
      try {
        doc = json.readTree(file.toFile());
      } catch (IOException e) {
        continue; // malformed on purpose: no event to compare
      }
      List<JsonNode> events = new ArrayList<>();
      if (doc.has("event")) {
        events.add(doc.get("event"));
      }
      doc.path("eventList").forEach(events::add);
      for (JsonNode event : events) {
        VesVersion version = VersionChoice.detect(event).version();
        boolean oursValid = ours.validate(version, event, "").isEmpty();
        boolean officialValid = official(version, "#/definitions/event").validate(event).isEmpty();
        compared++;
        if (oursValid != officialValid) {
          disagreements.add(file + " (" + version + "): ours " + oursValid + ", official " + officialValid);
        }
      }
    }
    assertTrue(compared > 50, "compared " + compared);
    assertEquals(List.of(), disagreements);
  }

  @Test
  void validateCommandsSchemaVerdictEqualsTheOfficialSchemasOnEveryFile() throws IOException {
    DocumentChecker checker = new DocumentChecker(new VesRequestParser(JsonLimits.DEFAULT),
        new RequestValidator(ours), null);
    List<String> disagreements = new ArrayList<>();
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      List<EventVerdict> verdicts = checker.check(file.toString(), bytes, 0);
      boolean oursValid = verdicts.stream().noneMatch(v -> v.version() == null || v.stage() == Rejection.Stage.SCHEMA);
      boolean officialValid;
      try {
        JsonNode doc = json.readTree(bytes);
        // ONAP checks for an event or eventList member first: the official schema alone accepts {}.
        // Without one, no version was chosen and there is nothing to ask the official schema.
        officialValid = (doc.has("event") || doc.has("eventList")) && verdicts.get(0).version() != null
            && official(verdicts.get(0).version().version(), "").validate(doc).isEmpty();
      } catch (IOException e) {
        officialValid = false; // malformed JSON on purpose
      }
      if (oursValid != officialValid) {
        disagreements.add(file + ": validate says " + oursValid + ", official schema " + officialValid);
      }
    }
    assertEquals(List.of(), disagreements);
  }
}
