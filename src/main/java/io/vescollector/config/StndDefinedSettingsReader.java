package io.vescollector.config;

import io.vescollector.validate.stnddefined.StndDefinedSettings;
import io.vescollector.validate.stnddefined.Preload;
import java.nio.file.Path;

/** Reads {@code stndDefined.*}: whether 3GPP payloads are checked, where their schemas are, and how. */
public final class StndDefinedSettingsReader {
  private StndDefinedSettingsReader() {}

  public static StndDefinedSettings read(Settings s) {
    String map = s.string(ConfigKeys.STND_DEFINED_SCHEMA_MAP_FILE).trim();
    return new StndDefinedSettings(
        s.bool(ConfigKeys.STND_DEFINED_ENABLED),
        Path.of(s.string(ConfigKeys.STND_DEFINED_SCHEMAS_DIRECTORY).trim()),
        Path.of(map),
        map.equals(ConfigKeys.STND_DEFINED_SCHEMA_MAP_FILE.defaultValue()),
        s.choice(ConfigKeys.STND_DEFINED_MISSING_SCHEMA_REFERENCE, StndDefinedSettings.MissingSchemaReference.class),
        s.choice(ConfigKeys.STND_DEFINED_PRELOAD, Preload.class));
  }
}
