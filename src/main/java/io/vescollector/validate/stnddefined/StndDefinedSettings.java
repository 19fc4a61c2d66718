package io.vescollector.validate.stnddefined;

import io.vescollector.config.ConfigKeys;
import io.vescollector.config.Settings;
import java.nio.file.Path;

/** The stndDefined part of the configuration: whether to check, where the schemas are, and how. */
public record StndDefinedSettings(boolean enabled, Path schemasDirectory, Path schemaMapFile,
                                  boolean mapFileIsDefault, MissingSchemaReference missingSchemaReference,
                                  Preload preload) {

  /** What to do with a stndDefined event that names no schema. */
  public enum MissingSchemaReference { ACCEPT, REJECT }

  public static StndDefinedSettings from(Settings s) {
    String map = s.string(ConfigKeys.STND_DEFINED_SCHEMA_MAP_FILE).trim();
    return new StndDefinedSettings(
        s.bool(ConfigKeys.STND_DEFINED_ENABLED),
        Path.of(s.string(ConfigKeys.STND_DEFINED_SCHEMAS_DIRECTORY).trim()),
        Path.of(map),
        map.equals(ConfigKeys.STND_DEFINED_SCHEMA_MAP_FILE.defaultValue()),
        s.choice(ConfigKeys.STND_DEFINED_MISSING_SCHEMA_REFERENCE, MissingSchemaReference.class),
        s.choice(ConfigKeys.STND_DEFINED_PRELOAD, Preload.class));
  }

  public StndDefinedSettings withSchemasDirectory(Path directory) {
    return new StndDefinedSettings(enabled, directory, schemaMapFile, mapFileIsDefault, missingSchemaReference, preload);
  }
}
