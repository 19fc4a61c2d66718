package io.vescollector.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vescollector.answer.VesException;
import io.vescollector.testkit.Reformat;
import io.vescollector.testkit.Samples;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * Reading a body while locating its events accepts exactly what reading it as one tree accepts, gives
 * the same events, and refuses the rest with the same words. Bodies are samples damaged at random:
 * bytes dropped, doubled or replaced by JSON's structural characters, segments repeated (duplicate
 * keys), trailing tokens.
 */
class LocatingParseProperties {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] NOISE = "{}[],:\"\\ 0e-.nul\u00e9".getBytes(StandardCharsets.UTF_8);
  private static final List<String> DOMAINS = List.of("fault", "heartbeat", "measurement", "stndDefined");

  private final VesRequestParser parser = new VesRequestParser(JsonLimits.DEFAULT, 50);

  @Property(tries = 3000)
  void locatingReadsWhatTheTreeReads(@ForAll long seed, @ForAll boolean batch) throws Exception {
    Random random = new Random(seed);
    JsonNode document = Samples.event(DOMAINS.get(random.nextInt(DOMAINS.size())));
    if (batch) {
      document = JSON.createObjectNode().set("eventList", JSON.createArrayNode()
          .add(document.get("event")).add(document.get("event")));
    }
    byte[] body = damage(Reformat.withWhitespace(JSON.writeValueAsBytes(document), random), random);

    Object located = outcome(() -> parser.parse(body, batch).events());
    Object tree = outcome(() -> parser.fromTree(parser.readTree(body), batch).events());

    Statistics.collect(located instanceof String ? "refused" : "read");
    assertEquals(tree, located, new String(body, StandardCharsets.UTF_8));
  }

  /** The locating read catches a duplicate key at every level, and the refusal is worded as the tree's. */
  @Example
  void duplicateKeysAreRefusedAtEveryLevel() {
    String header = "{\"domain\":\"heartbeat\",\"eventId\":\"1\"}";
    List<String> bodies = List.of(
        "{\"event\":{\"commonEventHeader\":" + header + "},\"event\":{}}",
        "{\"event\":{\"commonEventHeader\":" + header + ",\"commonEventHeader\":" + header + "}}",
        "{\"event\":{\"commonEventHeader\":{\"domain\":\"heartbeat\",\"domain\":\"fault\"}}}",
        "{\"event\":{\"commonEventHeader\":" + header + ",\"heartbeatFields\":{\"a\":{\"b\":1,\"b\":2}}}}",
        "{\"eventList\":[{\"commonEventHeader\":" + header + "}],\"eventList\":[]}");
    for (String text : bodies) {
      byte[] body = text.getBytes(StandardCharsets.UTF_8);
      boolean batch = text.startsWith("{\"eventList\"");
      Object located = outcome(() -> parser.parse(body, batch).events());
      assertTrue(located instanceof String refusal && refusal.contains("Duplicate field"), text + " -> " + located);
      assertEquals(outcome(() -> parser.fromTree(parser.readTree(body), batch).events()), located, text);
    }
  }

  /** The events, or the text of the refusal. */
  private static Object outcome(Supplier<List<JsonNode>> read) {
    try {
      return read.get();
    } catch (VesException e) {
      return e.problem().toString();
    }
  }

  private static byte[] damage(byte[] body, Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int edits = random.nextInt(3);
    int at = random.nextInt(body.length);
    switch (edits == 0 ? -1 : random.nextInt(5)) {
      case 0 -> { // drop a byte
        out.write(body, 0, at);
        out.write(body, at + 1, body.length - at - 1);
      }
      case 1 -> { // replace a byte
        out.write(body, 0, body.length);
        byte[] damaged = out.toByteArray();
        damaged[at] = NOISE[random.nextInt(NOISE.length)];
        return damaged;
      }
      case 2 -> { // repeat a segment
        int length = Math.min(body.length - at, 1 + random.nextInt(60));
        out.write(body, 0, at + length);
        out.write(body, at, body.length - at);
      }
      case 3 -> { // trailing tokens
        out.write(body, 0, body.length);
        out.write(NOISE[random.nextInt(NOISE.length)]);
      }
      case 4 -> { // insert a byte
        out.write(body, 0, at);
        out.write(NOISE[random.nextInt(NOISE.length)]);
        out.write(body, at, body.length - at);
      }
      default -> out.write(body, 0, body.length);
    }
    return out.toByteArray();
  }
}
