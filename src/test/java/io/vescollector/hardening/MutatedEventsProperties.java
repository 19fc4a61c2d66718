package io.vescollector.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.answer.VesException;
import io.vescollector.config.CollectorConfig;
import io.vescollector.config.SettingsLoader;
import io.vescollector.parse.ParsedRequest;
import io.vescollector.parse.VesRequestParser;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.PropertyCollector;
import io.vescollector.testkit.TreeMutations;
import io.vescollector.validate.EventValidator;
import io.vescollector.validate.RequestValidator;
import io.vescollector.validate.SchemaCatalog;
import io.vescollector.validate.VesVersion;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Valid sample events, mutated at random (fields deleted, retyped or added, text truncated or
 * spliced with junk), posted to a running collector: never a 5xx (503 only when Kafka is slow),
 * never a crash, and the verdict is the one the parser and validator give offline for the same body.
 */
class MutatedEventsProperties {
  private static final List<String> SINGLES = List.of("fault", "heartbeat", "measurement", "mobileFlow",
      "notification", "other", "perf3gpp", "pnfRegistration", "sipSignaling", "stateChange", "stndDefined",
      "syslog", "thresholdCrossingAlert", "voiceQuality");
  private static final List<String> BATCHES = List.of("batch-fault", "batch-measurement");

  private final PropertyCollector collectors =
      new PropertyCollector((vertx, kafka) -> CollectorHarness.start(vertx, kafka, Map.of()));
  private VesRequestParser parser;
  private RequestValidator validator;

  @BeforeProperty
  void offlinePipeline() {
    CollectorConfig.Server server = CollectorConfig.from(new SettingsLoader().load(null, Map.of(), Map.of())).server();
    parser = new VesRequestParser(server.jsonLimits(), server.maxBatchEvents());
    validator = new RequestValidator(new EventValidator(new SchemaCatalog()));
  }

  private CollectorHarness collector() {
    return collectors.collector();
  }

  @AfterProperty
  void stop() {
    collectors.close();
  }

  @Property(tries = 200)
  void verdictEqualsTheOfflineValidatorsAndIsNever5xx(@ForAll("mutants") Mutant mutant) {
    String path = mutant.batch() ? "/eventListener/v7/eventBatch" : "/eventListener/v7";
    HttpResponse<Buffer> response = collector().client().post(path).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(mutant.body())).await();
    int status = response.statusCode();
    Statistics.collect(status);
    if (status == 503) {
      return; // Kafka did not acknowledge in time: allowed, and says nothing about the verdict
    }
    assertTrue(status < 500, "a 5xx for " + mutant + ": " + response.bodyAsString());
    assertEquals(offlineVerdict(mutant), status, mutant + " -> " + response.bodyAsString());
  }

  /** Two truncations in a row, the first to nothing: the generator must still make a mutant (an empty body). */
  @Example
  void aBodyTruncatedToNothingCanBeTruncatedAgain() {
    int length = Samples.event("fault").toString().length();
    long toNothing = LongStream.iterate(0, seed -> seed + 1)
        .filter(seed -> new Random(seed).nextInt(length) == 0).findFirst().orElseThrow();
    Mutant mutant = mutate("fault", List.of(new Mutation(Kind.TRUNCATE_TEXT, toNothing),
        new Mutation(Kind.TRUNCATE_TEXT, 1)));

    assertEquals(0, mutant.body().length);
    assertEquals(400, offlineVerdict(mutant), "an empty body is a bad request");
  }

  /** A property whose mutants were all refused (or all accepted) would check little. */
  @Property(tries = 50)
  void unmutatedSamplesAreAccepted(@ForAll("samples") String sample) {
    Mutant mutant = mutate(sample, List.of());
    assertEquals(202, offlineVerdict(mutant), sample);
  }

  @Provide
  Arbitrary<String> samples() {
    return Arbitraries.of(concat(SINGLES, BATCHES));
  }

  private int offlineVerdict(Mutant mutant) {
    try {
      ParsedRequest parsed = parser.parse(mutant.body(), mutant.batch());
      validator.validate(VesVersion.forApiVersion("v7").orElseThrow(), parsed);
      return 202;
    } catch (VesException e) {
      return e.problem().status();
    }
  }

  @Provide
  Arbitrary<Mutant> mutants() {
    Arbitrary<String> sample = Arbitraries.of(concat(SINGLES, BATCHES));
    Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.longs())
        .as(Mutation::new);
    return Combinators.combine(sample, mutation.list().ofMinSize(0).ofMaxSize(3)).as(MutatedEventsProperties::mutate);
  }

  // --- mutations ---

  enum Kind { DELETE_FIELD, RETYPE_FIELD, ADD_FIELD, TRUNCATE_TEXT, SPLICE_JUNK }

  record Mutation(Kind kind, long seed) {}

  record Mutant(String sample, List<Mutation> mutations, boolean batch, byte[] body) {
    @Override
    public String toString() {
      String text = new String(body, StandardCharsets.UTF_8);
      return sample + " " + mutations + " body=" + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
    }
  }

  private static Mutant mutate(String sample, List<Mutation> mutations) {
    ObjectNode tree = Samples.event(sample);
    String text = null;
    for (Mutation m : mutations) {
      Random random = new Random(m.seed());
      if (text == null && m.kind().ordinal() <= Kind.ADD_FIELD.ordinal()) {
        TreeMutations.mutate(tree, TreeMutations.Kind.valueOf(m.kind().name()), random);
        continue;
      }
      if (text == null) {
        text = tree.toString();
      }
      // A second truncation may meet an empty text: nothing left to cut.
      text = m.kind() == Kind.TRUNCATE_TEXT ? text.substring(0, text.isEmpty() ? 0 : random.nextInt(text.length()))
          : splice(text, random);
    }
    String body = text == null ? tree.toString() : text;
    return new Mutant(sample, mutations, sample.startsWith("batch"), body.getBytes(StandardCharsets.UTF_8));
  }

  private static String splice(String text, Random random) {
    String[] junk = {"{", "}", "[", "]", ",", ":", "\"", "\\", "\u0000", "é", "\uD83D\uDE00", "null", "1e400", " ",
        "\"\\u00\"", "-", "0x1F"};
    int at = random.nextInt(text.length() + 1);
    return text.substring(0, at) + junk[random.nextInt(junk.length)] + text.substring(at);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
