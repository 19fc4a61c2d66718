package io.vescollector.validate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TreeMutations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Sample events edited at random (a field deleted, retyped or added, up to four times): whenever the
 * screen clears one, networknt must find nothing wrong with it. The statistics show how often each
 * verdict came up, so a screen that never clears (or never refuses) shows itself.
 */
class SchemaScreenProperties {
  private static final SchemaCatalog CATALOG = new SchemaCatalog();
  private static final List<SchemaScreenTest.Sample> SAMPLES = load();

  @Property(tries = 3000)
  void aClearedEventIsValid(@ForAll("edited") JsonNode[] edited) {
    JsonNode event = edited[0];
    VesVersion version = VesVersion.valueOf(edited[1].asText());
    SchemaScreen.Result screened = CATALOG.eventScreen(version).check(event);
    boolean valid = CATALOG.eventSchema(version).validate(event).isEmpty();
    Statistics.collect(screened, valid ? "valid" : "invalid");
    Statistics.coverage(coverage -> {
      coverage.check(SchemaScreen.Result.VALID, "valid").count(n -> n >= 300);
      coverage.check(SchemaScreen.Result.INVALID, "invalid").count(n -> n >= 300);
    });
    if (screened == SchemaScreen.Result.VALID) {
      assertTrue(valid, "the screen cleared an event the schema rejects: " + event);
    }
    if (screened == SchemaScreen.Result.INVALID) {
      assertFalse(valid, "the screen was certain an event is invalid, the schema accepts it: " + event);
    }
  }

  @Provide
  Arbitrary<JsonNode[]> edited() {
    Arbitrary<SchemaScreenTest.Sample> sample = Arbitraries.of(SAMPLES);
    Arbitrary<List<Long>> seeds = Arbitraries.longs().list().ofMinSize(0).ofMaxSize(4);
    return Combinators.combine(sample, seeds).as((s, edits) -> {
      JsonNode event = s.event().deepCopy();
      for (long seed : edits) {
        Random random = new Random(seed);
        TreeMutations.mutate((ObjectNode) event,
            TreeMutations.Kind.values()[random.nextInt(3)], random);
      }
      return new JsonNode[] {event, TextNode.valueOf(s.version().name())};
    });
  }

  private static List<SchemaScreenTest.Sample> load() {
    try {
      return SchemaScreenTest.samples(Samples.ROOT.resolve("v7"), VesVersion.V7,
          Samples.ROOT.resolve("v5"), VesVersion.V5);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
