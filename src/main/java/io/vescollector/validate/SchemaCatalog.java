package io.vescollector.validate;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The project's VES schemas, each compiled once at start-up. Validation then costs a few
 * microseconds per event and never touches the file system or the network.
 */
public final class SchemaCatalog {
  private final Map<VesVersion, Schema> eventSchemas = new EnumMap<>(VesVersion.class);

  public SchemaCatalog() {
    SchemaRegistryConfig config = SchemaRegistryConfig.builder()
        .pathType(PathType.JSON_POINTER)
        .locale(Locale.ENGLISH)
        .build();
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
        builder -> builder.schemaRegistryConfig(config));
    for (VesVersion version : VesVersion.values()) {
      Schema schema = registry.getSchema(SchemaLocation.of("classpath:" + version.schemaResource() + "#/definitions/event"));
      schema.initializeValidators();
      eventSchemas.put(version, schema);
    }
  }

  /** The compiled schema of one event ({@code #/definitions/event}) of a version. */
  public Schema eventSchema(VesVersion version) {
    return eventSchemas.get(version);
  }
}
