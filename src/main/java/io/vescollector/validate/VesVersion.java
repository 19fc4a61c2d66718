package io.vescollector.validate;

import java.util.Optional;

/**
 * The VES schema generations the collector validates against, and the listener API versions (the
 * {@code vN} of {@code /eventListener/vN}) that use each. As in ONAP, v1 to v4 share the 4.x schema.
 */
public enum VesVersion {
  V4("4.1", "schemas/ves-4.1.schema.json"),
  V5("5.4.1", "schemas/ves-5.4.1.schema.json"),
  V7("7.2.1", "schemas/ves-7.2.1.schema.json");

  private final String specVersion;
  private final String schemaResource;

  VesVersion(String specVersion, String schemaResource) {
    this.specVersion = specVersion;
    this.schemaResource = schemaResource;
  }

  /** The VES Event Listener version whose field tables the schema follows, e.g. 7.2.1. */
  public String specVersion() {
    return specVersion;
  }

  /** Classpath location of the project's schema. */
  public String schemaResource() {
    return schemaResource;
  }

  /** The schema an API path version uses: v7, v5, or v1 to v4; empty for any other. */
  public static Optional<VesVersion> forApiVersion(String apiVersion) {
    return switch (apiVersion) {
      case "v7" -> Optional.of(V7);
      case "v5" -> Optional.of(V5);
      case "v1", "v2", "v3", "v4" -> Optional.of(V4);
      default -> Optional.empty();
    };
  }
}
