package io.vescollector.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project's sample events (samples/), and small edits of them for tests. */
public final class Samples {
  public static final Path ROOT = Path.of("samples");
  public static final ObjectMapper JSON = new ObjectMapper();

  private Samples() {}

  public static Path v7(String name) {
    return ROOT.resolve("v7").resolve(name + ".json");
  }

  public static ObjectNode tree(Path file) {
    try {
      return (ObjectNode) JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of a v7 sample event ({@code {"event": ...}}). */
  public static ObjectNode event(String domain) {
    return tree(v7(domain));
  }

  public static ObjectNode header(ObjectNode document) {
    return (ObjectNode) document.path("event").path("commonEventHeader");
  }

  public static String text(JsonNode node) {
    return node.toString();
  }
}
