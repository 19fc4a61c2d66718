package io.vescollector.tools.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends the user's documents as they are: a file holding one JSON document (a single event or an
 * {@code eventList} batch), or ndjson (one document per line). A file that is not JSON at all is sent
 * once, raw, to the single-event path, so a collector's answer to bad input can be tried too.
 */
public final class FilePayloads implements PayloadSource {
  private final List<Payload> documents;
  private final boolean cycle;
  private int next;

  private FilePayloads(List<Payload> documents, boolean cycle) {
    this.documents = documents;
    this.cycle = cycle;
  }

  /** Reads the files; with {@code cycle} the documents repeat until the run's count or duration ends it. */
  public static FilePayloads read(ObjectMapper mapper, List<Path> files, boolean cycle) throws IOException {
    ObjectReader reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    List<Payload> documents = new ArrayList<>();
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      try {
        documents.add(payload(reader.readTree(bytes), bytes));
      } catch (JsonProcessingException notOneDocument) {
        documents.addAll(ndjsonOrRaw(reader, bytes));
      }
    }
    if (documents.isEmpty()) {
      throw new IOException("no documents in " + files);
    }
    return new FilePayloads(List.copyOf(documents), cycle);
  }

  public int documents() {
    return documents.size();
  }

  @Override
  public Payload next(long maxEvents) {
    if (maxEvents <= 0 || (!cycle && next >= documents.size())) {
      return null;
    }
    return documents.get(next++ % documents.size());
  }

  private static List<Payload> ndjsonOrRaw(ObjectReader reader, byte[] bytes) {
    List<Payload> lines = new ArrayList<>();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r?\n")) {
      if (line.isBlank()) {
        continue;
      }
      byte[] lineBytes = line.getBytes(StandardCharsets.UTF_8);
      try {
        lines.add(payload(reader.readTree(lineBytes), lineBytes));
      } catch (IOException notNdjson) {
        return List.of(new Payload(false, Buffer.buffer(bytes), List.of(), 1));
      }
    }
    return lines;
  }

  private static Payload payload(JsonNode document, byte[] bytes) {
    JsonNode list = document.path("eventList");
    List<String> ids = new ArrayList<>();
    if (list.isArray()) {
      list.forEach(e -> addId(ids, e));
      return new Payload(true, Buffer.buffer(bytes), ids, Math.max(1, list.size()));
    }
    addId(ids, document.path("event"));
    return new Payload(false, Buffer.buffer(bytes), ids, 1);
  }

  private static void addId(List<String> ids, JsonNode event) {
    JsonNode id = event.path("commonEventHeader").path("eventId");
    if (id.isTextual()) {
      ids.add(id.asText());
    }
  }
}
