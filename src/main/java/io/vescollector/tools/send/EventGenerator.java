package io.vescollector.tools.send;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Generates request bodies as a pool of network functions would send them: {@code sourceName} cycles
 * through the pool, each source's {@code sequence} counts up from 0, {@code eventId}s are unique
 * (they carry a random tag of this generator), and both epoch times are the current time in
 * microseconds. A batch must hold one domain, so domains take turns per batch; single events take
 * turns per source, so that every source sends every domain.
 *
 * <p>Not thread-safe: it edits its templates in place while writing, which keeps generation cheap.
 */
public final class EventGenerator implements PayloadSource {
  private final ObjectMapper mapper;
  private final EventTemplates templates;
  private final List<String> domains;
  private final int batchSize;
  private final String[] sources;
  private final long[] sequences;
  private final String runTag;
  private final Clock clock;
  private long requests;
  private long events;

  public EventGenerator(ObjectMapper mapper, EventTemplates templates, int batchSize, int sources, Clock clock) {
    this.mapper = mapper;
    this.templates = templates;
    this.domains = templates.domains();
    this.batchSize = batchSize;
    this.sources = new String[sources];
    for (int i = 0; i < sources; i++) {
      this.sources[i] = sourceName(i);
    }
    this.sequences = new long[sources];
    this.runTag = UUID.randomUUID().toString().substring(0, 8);
    this.clock = clock;
  }

  /** The name of the i-th source of the pool (0-based). */
  public static String sourceName(int i) {
    return String.format("sim-nf-%04d", i + 1);
  }

  @Override
  public Payload next(long maxEvents) {
    int n = (int) Math.min(batchSize, maxEvents);
    if (n <= 0) {
      return null;
    }
    boolean batch = batchSize > 1;
    int firstSource = (int) (events % sources.length);
    long turn = batch ? requests : firstSource + sequences[firstSource];
    requests++;
    String domain = domains.get((int) (turn % domains.size()));
    ObjectNode event = templates.event(domain);
    ObjectNode header = (ObjectNode) event.get("commonEventHeader");
    List<String> ids = new ArrayList<>(n);
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024 * n);
    try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
      json.writeStartObject();
      if (batch) {
        json.writeArrayFieldStart("eventList");
      } else {
        json.writeFieldName("event");
      }
      for (int i = 0; i < n; i++) {
        int source = (int) (events++ % sources.length);
        long sequence = sequences[source]++;
        String eventId = domain + "_" + sources[source] + "_" + runTag + "_" + sequence;
        long micros = nowMicros();
        header.put("eventId", eventId);
        header.put("sourceName", sources[source]);
        header.put("sequence", sequence);
        header.put("startEpochMicrosec", micros);
        header.put("lastEpochMicrosec", micros);
        mapper.writeTree(json, event);
        ids.add(eventId);
      }
      if (batch) {
        json.writeEndArray();
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Payload(batch, Buffer.buffer(out.toByteArray()), ids, n);
  }

  private long nowMicros() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
