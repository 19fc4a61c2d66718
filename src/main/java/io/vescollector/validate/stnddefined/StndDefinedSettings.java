package io.vescollector.validate.stnddefined;

import java.nio.file.Path;

/** The stndDefined part of the configuration: whether to check, where the schemas are, and how. */
public record StndDefinedSettings(boolean enabled, Path schemasDirectory, Path schemaMapFile,
                                  boolean mapFileIsDefault, MissingSchemaReference missingSchemaReference,
                                  Preload preload) {

  /** What to do with a stndDefined event that names no schema. */
  public enum MissingSchemaReference { ACCEPT, REJECT }

  public StndDefinedSettings withSchemasDirectory(Path directory) {
    return new StndDefinedSettings(enabled, directory, schemaMapFile, mapFileIsDefault, missingSchemaReference, preload);
  }
}
