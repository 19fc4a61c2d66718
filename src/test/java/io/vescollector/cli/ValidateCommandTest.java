package io.vescollector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.testkit.Samples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code validate}: exit status, the exact JSON line shape, the text report, and every kind of input. */
class ValidateCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exit, String out, String err) {
    List<JsonNode> lines() throws Exception {
      List<JsonNode> lines = new ArrayList<>();
      for (String line : out.split("\n")) {
        if (!line.isBlank()) {
          lines.add(JSON.readTree(line));
        }
      }
      return lines;
    }
  }

  static Run run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ValidateCommand command = new ValidateCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    int exit = new CommandLine(command).execute(args);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void everyValidSampleExitsZeroWithOneJsonLinePerEvent() throws Exception {
    Run run = run("", "--format", "json", "samples/v7", "samples/v5");
    assertEquals(0, run.exit(), run.out() + run.err());
    List<JsonNode> lines = run.lines();
    assertTrue(lines.size() >= 20, run.out());
    for (JsonNode line : lines) {
      assertTrue(line.path("valid").asBoolean(), line.toString());
      assertEquals(List.of("source", "valid", "errors"), fieldNames(line));
      assertTrue(line.path("errors").isArray() && line.path("errors").isEmpty());
    }
    assertTrue(lines.stream().anyMatch(l -> l.path("source").asText().equals("samples/v7/batch-fault.json#2")), run.out());
  }

  @Test
  void theCollectorsConfiguredLimitsApply(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("collector.yaml");
    Files.writeString(config, "server:\n  maxBatchEvents: 2\n");

    Run limited = run("", "--format", "json", "--config", config.toString(), "samples/v7/batch-fault.json");
    Run defaults = run("", "--format", "json", "samples/v7/batch-fault.json");

    assertEquals(1, limited.exit(), limited.out() + limited.err());
    assertEquals(0, defaults.exit(), defaults.out() + defaults.err());
  }

  @Test
  void invalidEventExitsOneWithExactlyTheDocumentedShape() throws Exception {
    Run run = run("", "--format", "json", "samples/invalid/wrong-type-sequence.json");
    assertEquals(1, run.exit());
    List<JsonNode> lines = run.lines();
    assertEquals(1, lines.size(), run.out());
    JsonNode line = lines.get(0);
    assertEquals(List.of("source", "valid", "errors"), fieldNames(line));
    assertEquals("samples/invalid/wrong-type-sequence.json", line.path("source").asText());
    assertFalse(line.path("valid").asBoolean());
    JsonNode error = line.path("errors").path(0);
    assertEquals(List.of("pointer", "message"), fieldNames(error));
    assertEquals("/event/commonEventHeader/sequence", error.path("pointer").asText());
    assertTrue(error.path("message").asText().contains("integer"), error.toString());
  }

  @Test
  void textReportShowsFileLineColumnPointerAndWhyThenASummary() throws Exception {
    Path file = Path.of("samples/invalid/wrong-type-sequence.json");
    List<String> source = Files.readAllLines(file);
    int line = 0;
    while (!source.get(line).contains("\"sequence\"")) {
      line++;
    }
    int column = source.get(line).indexOf(':', source.get(line).indexOf("\"sequence\"")) + 3; // value after ": "
    Run run = run("", file.toString());
    assertEquals(1, run.exit());
    assertTrue(run.out().contains(file + ":" + (line + 1) + ":" + column + "  /event/commonEventHeader/sequence"), run.out());
    assertTrue(run.out().contains("string found, integer expected"), run.out());
    assertTrue(run.out().contains("1 document(s), 1 event(s): 0 valid, 1 invalid"), run.out());
    assertFalse(run.out().contains("\u001b["), "no colour when not on a terminal");
  }

  @Test
  void textReportSaysWhichSchemaAutoChose() {
    Run run = run("", "samples/v5/fault.json", "samples/v7/fault.json");
    assertEquals(0, run.exit());
    assertTrue(run.out().contains("samples/v5/fault.json (VES 5.4.1 schema, from header version 3.0)"), run.out());
    assertTrue(run.out().contains("samples/v7/fault.json (VES 7.2.1 schema, from vesEventListenerVersion 7.2.1)"), run.out());
  }

  @Test
  void forcedVersionIsUsed() {
    assertEquals(1, run("", "--ves-version", "5", "samples/v7/fault.json").exit());
    assertEquals(2, run("", "--ves-version", "6", "samples/v7/fault.json").exit());
  }

  @Test
  void missingFileIsExitTwoAndUnreadableJsonIsInvalidNotACrash() throws Exception {
    Run missing = run("", "samples/v7/fault.json", "samples/no-such-file.json");
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("no-such-file.json"), missing.err());
    Run broken = run("", "--format", "json", "samples/invalid/not-json.json");
    assertEquals(1, broken.exit(), broken.err());
    assertTrue(broken.lines().get(0).path("errors").path(0).path("message").asText().contains("not valid JSON"));
  }

  @Test
  void standardInput() throws Exception {
    Run run = run(Files.readString(Samples.v7("fault")), "--format", "json", "-");
    assertEquals(0, run.exit(), run.out());
    assertEquals("<stdin>", run.lines().get(0).path("source").asText());
  }

  @Test
  void ndjsonReportsEachLineWithItsNumber(@TempDir Path dir) throws Exception {
    ObjectNode bad = Samples.event("heartbeat");
    Samples.header(bad).put("priority", "Urgent");
    Path file = dir.resolve("events.ndjson");
    Files.writeString(file, Samples.event("fault") + "\n\n" + bad + "\n" + "{not json\n");
    Run run = run("", "--format", "json", "--ndjson", "--threads", "2", file.toString());
    assertEquals(1, run.exit());
    List<JsonNode> lines = run.lines();
    assertEquals(3, lines.size(), run.out());
    assertEquals(file + ":1", lines.get(0).path("source").asText());
    assertTrue(lines.get(0).path("valid").asBoolean());
    assertEquals(file + ":3", lines.get(1).path("source").asText());
    assertEquals("/event/commonEventHeader/priority", lines.get(1).path("errors").path(0).path("pointer").asText());
    assertEquals(file + ":4", lines.get(2).path("source").asText());
    assertFalse(lines.get(2).path("valid").asBoolean());
  }

  @Test
  void batchIsReportedPerEventWithItsIndexAndTheBatchRules() throws Exception {
    Run run = run("", "--format", "json", "samples/invalid/batch-mixed-domains.json");
    assertEquals(1, run.exit());
    List<JsonNode> lines = run.lines();
    assertTrue(lines.size() >= 2, run.out());
    assertEquals("samples/invalid/batch-mixed-domains.json#0", lines.get(0).path("source").asText());
    assertTrue(lines.get(0).path("valid").asBoolean());
    JsonNode wrong = lines.stream().filter(l -> !l.path("valid").asBoolean()).findFirst().orElseThrow();
    String index = wrong.path("source").asText().replaceAll(".*#", "");
    assertEquals("/eventList/" + index + "/commonEventHeader/domain", wrong.path("errors").path(0).path("pointer").asText());
  }

  @Test
  void directoriesAreSearchedRecursivelyForJsonFiles(@TempDir Path dir) throws Exception {
    Path nested = Files.createDirectories(dir.resolve("a/b"));
    Files.copy(Samples.v7("fault"), nested.resolve("fault.json"));
    Files.writeString(dir.resolve("a/notes.txt"), "not an event");
    Run run = run("", "--format", "json", dir.toString());
    assertEquals(0, run.exit(), run.out());
    assertEquals(1, run.lines().size());
    assertEquals(nested.resolve("fault.json").toString(), run.lines().get(0).path("source").asText());
  }

  @Test
  void stndDefinedDataIsCheckedWithTheConfiguredSchemas(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("collector.yaml");
    Files.writeString(config, "stndDefined:\n  schemasDirectory: src/test/resources/stnddefined/schemas\n"
        + "  schemaMapFile: src/test/resources/stnddefined/schema-map.yaml\n");
    ObjectNode event = Samples.tree(Path.of("src/test/resources/stnddefined/event.json"));
    ((ObjectNode) event.at("/event/stndDefinedFields/data")).put("perceivedSeverity", "SEVERE");
    Run run = run(event.toString(), "--format", "json", "--config", config.toString(), "-");
    assertEquals(1, run.exit(), run.out() + run.err());
    assertEquals("/event/stndDefinedFields/data/perceivedSeverity",
        run.lines().get(0).path("errors").path(0).path("pointer").asText());
  }

  @Test
  void withoutThe3gppSchemasTheVerdictOnStndDefinedDataSaysItWasCheckedAgainstTheVesSchemaOnly(@TempDir Path dir) {
    Path empty = dir.resolve("no-schemas");
    Path config = dir.resolve("collector.yaml");
    String settings = "stndDefined:\n  schemasDirectory: " + empty + "\n";

    Run stndDefined = runWithConfig(config, settings, "samples/v7/stndDefined.json", "samples/v7/fault.json");
    Run fault = runWithConfig(config, settings, "samples/v7/fault.json");

    assertEquals(0, stndDefined.exit(), stndDefined.out() + stndDefined.err());
    assertEquals("validate: the stndDefinedFields.data of 1 stndDefined event(s) was checked against the VES schema "
        + "only: no 3GPP schema files in " + empty + " (name a directory of them with --stnd-defined-schemas)\n",
        stndDefined.err());
    assertEquals(0, fault.exit(), fault.out() + fault.err());
    assertEquals("", fault.err(), "no stndDefined event, nothing to say");
  }

  private static Run runWithConfig(Path config, String settings, String... files) {
    try {
      Files.writeString(config, settings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> args = new ArrayList<>(List.of("--config", config.toString()));
    args.addAll(List.of(files));
    return run("", args.toArray(String[]::new));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
