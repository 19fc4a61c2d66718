package io.vescollector.hardening;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.config.ConfigKeys;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestKafka;
import io.vescollector.validate.stnddefined.LocalSchemaSet;
import io.vescollector.validate.stnddefined.SchemaMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code schemaReference} is the sender's text: however many distinct ones arrive, the collector's
 * memory stays flat. The schema file here is the test's own, large enough (a few thousand schemas)
 * that a copy of it kept per distinct reference shows at once.
 */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaReferenceMemoryTest {
  private static final String PREFIX = "https://schemas.example.org/big/";
  private static final int SCHEMAS = 600;
  /** Heap growth allowed across thousands of distinct references: the bounded cache, and noise. */
  private static final long ALLOWED_GROWTH_BYTES = 48L << 20;

  private CollectorHarness collector;
  private Path schemas;

  @BeforeAll
  void start(Vertx vertx, TestKafka kafka, @TempDir Path temp) throws IOException {
    schemas = temp.resolve("schemas");
    Files.createDirectories(schemas);
    Files.writeString(schemas.resolve("big.yaml"), bigOpenApiFile());
    Path map = temp.resolve("map.yaml");
    Files.writeString(map, "mappings:\n  - {publicUrl: '" + PREFIX + "', localPath: ''}\n");
    collector = CollectorHarness.start(vertx, kafka, Map.of(
        ConfigKeys.STND_DEFINED_SCHEMAS_DIRECTORY.name(), schemas.toString(),
        ConfigKeys.STND_DEFINED_SCHEMA_MAP_FILE.name(), map.toString(),
        ConfigKeys.STND_DEFINED_PRELOAD.name(), "none"));
  }

  @AfterAll
  void stop() {
    collector.close();
  }

  @Test
  void distinctFragmentsNamingSchemasLeaveTheHeapFlat() {
    // Each names a schema that exists: every one is compiled, and only a bounded number is kept.
    assertHeapFlat(i -> PREFIX + "big.yaml#/components/schemas/S" + (i % SCHEMAS) + "/properties/p" + (i / SCHEMAS % 2));
  }

  @Test
  void distinctFragmentsNamingNothingLeaveTheHeapFlat() {
    assertHeapFlat(i -> PREFIX + "big.yaml#/components/schemas/Missing" + i);
  }

  @Test
  void distinctFilesThatDoNotExistLeaveTheHeapFlat() {
    assertHeapFlat(i -> PREFIX + "absent-" + i + ".yaml#/components/schemas/S1");
  }

  @Test
  void theSchemaSetHoldsABoundedNumberOfEntriesWhateverIsReferenced() {
    LocalSchemaSet set = new LocalSchemaSet(schemas, new SchemaMap(List.of(new SchemaMap.Mapping(PREFIX, ""))));
    for (int i = 0; i < 2 * SCHEMAS; i++) {
      set.resolve(PREFIX + "big.yaml#/components/schemas/S" + (i % SCHEMAS) + "/properties/p" + (i / SCHEMAS));
      set.resolve(PREFIX + "big.yaml#/components/schemas/Missing" + i);
      set.resolve(PREFIX + "absent-" + i + ".yaml#/components/schemas/S1");
      set.resolve(PREFIX + "big.yaml?v=" + i + "#/components/schemas/S1");
    }
    // One file: its parsed content and its reference check, and the bounded cache of compiled schemas.
    long bound = 2 + LocalSchemaSet.MAX_COMPILED_ON_DEMAND;
    assertTrue(set.retainedEntries() <= bound, set.retainedEntries() + " entries held, more than " + bound);
  }

  /**
   * Sends 3,000 events, each with its own reference, and checks the heap after a full collection
   * every 250 (so that a leak fails early rather than exhausting the test JVM).
   */
  private void assertHeapFlat(IntFunction<String> reference) {
    for (int i = 0; i < 50; i++) { // fills whatever bounded cache there is
      post(reference.apply(100_000 + i));
    }
    long baseline = usedHeapAfterGc();
    for (int i = 0; i < 3_000; i++) {
      post(reference.apply(i));
      if (i % 250 == 249) {
        long growth = usedHeapAfterGc() - baseline;
        assertTrue(growth < ALLOWED_GROWTH_BYTES, "after " + (i + 1) + " distinct references the heap grew by "
            + (growth >> 20) + " MB (allowed " + (ALLOWED_GROWTH_BYTES >> 20) + " MB)");
      }
    }
  }

  private void post(String schemaReference) {
    ObjectNode event = Samples.tree(Path.of("src/test/resources/stnddefined/event.json"));
    ObjectNode fields = (ObjectNode) event.path("event").path("stndDefinedFields");
    fields.put("schemaReference", schemaReference);
    fields.putObject("data");
    HttpResponse<Buffer> answer = collector.post("/eventListener/v7", event.toString());
    // 202 (the data fits the schema) or 400 (it does not, or the reference names nothing): never a failure.
    assertTrue(answer.statusCode() == 202 || answer.statusCode() == 400, answer.statusCode() + " " + answer.bodyAsString());
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** An OpenAPI file of {@link #SCHEMAS} object schemas of two properties each, referring to one another. */
  private static String bigOpenApiFile() {
    StringBuilder yaml = new StringBuilder("openapi: 3.0.1\ninfo: {title: big, version: 1.0.0}\npaths: {}\n"
        + "components:\n  schemas:\n");
    for (int i = 0; i < SCHEMAS; i++) {
      yaml.append("    S").append(i).append(":\n      type: object\n      properties:\n")
          .append("        p0: {type: string, description: 'the first property of schema ").append(i).append("'}\n")
          .append("        p1: {$ref: '#/components/schemas/S").append((i + 1) % SCHEMAS).append("'}\n");
    }
    return yaml.toString();
  }
}
