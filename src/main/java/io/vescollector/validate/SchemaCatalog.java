package io.vescollector.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The project's VES schemas, each compiled once at start-up. Validation then costs a few
 * microseconds per event and never touches the file system or the network.
 */
public final class SchemaCatalog {
  private static final String EVENT_POINTER = "/definitions/event";
  private final Map<VesVersion, Schema> eventSchemas = new EnumMap<>(VesVersion.class);
  private final Map<VesVersion, SchemaScreen> screens = new EnumMap<>(VesVersion.class);

  public SchemaCatalog() {
    SchemaRegistryConfig config = SchemaRegistryConfig.builder()
        .pathType(PathType.JSON_POINTER)
        .locale(Locale.ENGLISH)
        .build();
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
        builder -> builder.schemaRegistryConfig(config));
    Map<String, Predicate<JsonNode>> formatChecks = new HashMap<>();
    for (VesVersion version : VesVersion.values()) {
      Schema schema = registry.getSchema(SchemaLocation.of("classpath:" + version.schemaResource() + "#" + EVENT_POINTER));
      schema.initializeValidators();
      eventSchemas.put(version, schema);
      screens.put(version, new SchemaScreen(readResource(version.schemaResource()), EVENT_POINTER,
          format -> formatChecks.computeIfAbsent(format, f -> formatCheck(registry, f))));
    }
  }

  /** networknt's own verdict on one format, so the screen reads formats exactly as the full check does. */
  private static Predicate<JsonNode> formatCheck(SchemaRegistry registry, String format) {
    Schema schema = registry.getSchema(JsonNodeFactory.instance.objectNode().put("format", format));
    schema.initializeValidators();
    return value -> schema.validate(value).isEmpty();
  }

  private static JsonNode readResource(String name) {
    try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("schema " + name + " is missing from the classpath");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema " + name, e);
    }
  }

  /** The fast screen of the same schema: proves most valid events valid without {@link #eventSchema}. */
  public SchemaScreen eventScreen(VesVersion version) {
    return screens.get(version);
  }

  /** The compiled schema of one event ({@code #/definitions/event}) of a version. */
  public Schema eventSchema(VesVersion version) {
    return eventSchemas.get(version);
  }
}
