package io.vescollector.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.tools.send.Payload;
import io.vescollector.tools.send.PayloadSource;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's load: one fixed 0.63 KB VES 7 fault event (the size the project's targets were
 * measured with), prepared once as a small pool of request bodies that differ only in source and
 * eventId, then sent over and over. Building the bodies ahead keeps the load generator's CPU off the
 * measurement on a machine it shares with the collector; the pool of {@value #SOURCES} sources spreads
 * the records over the topic's partitions (the record key is {@code sourceName}). All bodies of one
 * kind have the same size.
 */
public final class BenchPayloads implements PayloadSource {
  static final String TEMPLATE = "/bench/fault-event.json";
  static final int SOURCES = 64;

  private final List<Payload> bodies;
  private int next;

  private BenchPayloads(List<Payload> bodies) {
    this.bodies = bodies;
  }

  /** Single events ({@code batchSize} 1) or {@code eventList} batches of {@code batchSize}, from the template. */
  public static BenchPayloads of(ObjectMapper mapper, int batchSize) {
    ObjectNode template = template(mapper);
    List<Payload> bodies = new ArrayList<>();
    int requests = batchSize == 1 ? SOURCES : Math.max(4, SOURCES / batchSize);
    int n = 0;
    for (int r = 0; r < requests; r++) {
      List<String> ids = new ArrayList<>();
      ArrayNode events = mapper.createArrayNode();
      for (int i = 0; i < batchSize; i++, n++) {
        ObjectNode event = template.deepCopy();
        ObjectNode header = (ObjectNode) event.get("commonEventHeader");
        String source = String.format("bench-nf-%04d", batchSize == 1 ? n % SOURCES : r % SOURCES);
        String id = String.format("fault_%s_%06d", source, n);
        header.put("sourceName", source);
        header.put("eventId", id);
        header.put("sequence", 100_000 + n); // six digits: every body the same size
        events.add(event);
        ids.add(id);
      }
      ObjectNode body = mapper.createObjectNode();
      if (batchSize == 1) {
        body.set("event", events.get(0));
      } else {
        body.set("eventList", events);
      }
      bodies.add(new Payload(batchSize > 1, Buffer.buffer(write(mapper, body)), ids, batchSize));
    }
    return new BenchPayloads(List.copyOf(bodies));
  }

  /** The same bodies with a position of its own, for another load-generator event loop. */
  public BenchPayloads copy() {
    return new BenchPayloads(bodies);
  }

  /** Size of the request bodies in bytes (all the same). */
  public int bodyBytes() {
    return bodies.get(0).body().length();
  }

  @Override
  public Payload next(long maxEvents) {
    Payload p = bodies.get(next);
    next = (next + 1) % bodies.size();
    return p;
  }

  private static ObjectNode template(ObjectMapper mapper) {
    try (InputStream in = BenchPayloads.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException(TEMPLATE + " is missing from the classpath");
      }
      return (ObjectNode) mapper.readTree(in).get("event");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] write(ObjectMapper mapper, ObjectNode body) {
    try {
      return mapper.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
