package io.vescollector.validate.stnddefined;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where the public schema URLs that senders put in {@code stndDefinedFields.schemaReference} live on
 * this machine. The collector never fetches a URL: a reference that no entry covers is refused, so a
 * sender cannot make the collector issue a request.
 */
public record SchemaMap(List<Mapping> mappings) {
  /** Bundled copy of {@code config/stnd-defined-schema-map.yaml}, used when that file is not on disk. */
  public static final String BUNDLED_RESOURCE = "/config/stnd-defined-schema-map.yaml";

  /**
   * One entry: a URL prefix (a directory ending in {@code /}, or one whole file URL) and the path under
   * the schemas directory it stands for.
   */
  public record Mapping(String publicUrl, String localPath) {}

  public SchemaMap {
    List<Mapping> sorted = new ArrayList<>(mappings);
    // Longest prefix first, so a file entry wins over its directory's entry.
    sorted.sort(Comparator.comparingInt((Mapping m) -> m.publicUrl().length()).reversed());
    mappings = List.copyOf(sorted);
  }

  /** The local path (relative to the schemas directory) of a public URL without fragment. */
  public Optional<String> localPathOf(String url) {
    for (Mapping m : mappings) {
      if (url.equals(m.publicUrl())) {
        return Optional.of(m.localPath());
      }
      if (m.publicUrl().endsWith("/") && url.startsWith(m.publicUrl())) {
        String base = m.localPath().isEmpty() || m.localPath().endsWith("/") ? m.localPath() : m.localPath() + "/";
        return Optional.of(base + url.substring(m.publicUrl().length()));
      }
    }
    return Optional.empty();
  }

  /** Reads the map file; when {@code file} does not exist and {@code bundledFallback}, the bundled copy. */
  public static SchemaMap load(Path file, boolean bundledFallback) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try {
      if (Files.isRegularFile(file)) {
        return fromTree(yaml.readTree(file.toFile()), file.toString());
      }
      if (!bundledFallback) {
        throw new IllegalArgumentException("stndDefined schema map " + file + " does not exist");
      }
      try (InputStream in = SchemaMap.class.getResourceAsStream(BUNDLED_RESOURCE)) {
        if (in == null) {
          throw new IllegalArgumentException("the bundled " + BUNDLED_RESOURCE + " is missing from the classpath");
        }
        return fromTree(yaml.readTree(in), "the bundled " + BUNDLED_RESOURCE);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("stndDefined schema map " + file + ": not valid YAML: " + e.getMessage(), e);
    }
  }

  static SchemaMap fromTree(JsonNode tree, String origin) {
    JsonNode list = tree == null ? null : tree.get("mappings");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException(origin + ": expected a 'mappings' list of {publicUrl, localPath}");
    }
    List<Mapping> mappings = new ArrayList<>();
    for (JsonNode entry : list) {
      String url = entry.path("publicUrl").asText("");
      String local = entry.path("localPath").asText("");
      if (url.isEmpty() || !entry.has("localPath")) {
        throw new IllegalArgumentException(origin + ": every mapping needs publicUrl and localPath, found " + entry);
      }
      if (url.contains("#")) {
        throw new IllegalArgumentException(origin + ": publicUrl must not hold a fragment: " + url);
      }
      mappings.add(new Mapping(url, local));
    }
    return new SchemaMap(mappings);
  }
}
