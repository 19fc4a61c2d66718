package io.vescollector.cli;

import io.vescollector.config.CollectorConfig.Logging.Format;
import io.vescollector.config.ConfigKeys;
import java.util.Locale;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.spi.LoggerContext;

/**
 * Chooses text or JSON log lines ({@code logging.format}). log4j2.xml selects its layout by the system
 * property {@value #PROPERTY} when the configuration is read. The launcher sets it from the environment
 * before the first logger exists, so that a container's {@code VES_LOGGING_FORMAT=json} makes every line
 * JSON, the first included, for every command; {@code serve} then applies what its configuration says
 * (file, environment, {@code --set}) and reconfigures log4j only when that differs.
 *
 * <p>The code compiles against log4j's API alone (log4j-core is a runtime dependency), so the backend's
 * {@code reconfigure()} is called by name; another backend simply keeps its format.
 */
final class LogFormat {
  static final String PROPERTY = "ves.logging.format";

  private LogFormat() {}

  /**
   * Sets {@value #PROPERTY} from {@code VES_logging.format} or {@code VES_LOGGING_FORMAT} (the exact form
   * wins, as for every key) unless the property is set already. Call before anything logs.
   */
  static void fromEnvironment(Map<String, String> environment) {
    if (System.getProperty(PROPERTY) != null) {
      return;
    }
    String value = environment.get("VES_" + ConfigKeys.LOGGING_FORMAT.name());
    if (value == null) {
      value = environment.get(ConfigKeys.LOGGING_FORMAT.environmentVariable());
    }
    if (value != null && !value.isBlank()) {
      System.setProperty(PROPERTY, value.trim().toLowerCase(Locale.ROOT));
    }
  }

  /** Switches log4j to {@code format} if its configuration was read for the other one. */
  static void apply(Format format) {
    String wanted = format.name().toLowerCase(Locale.ROOT);
    String current = System.getProperty(PROPERTY, Format.TEXT.name().toLowerCase(Locale.ROOT));
    if (!wanted.equals(current)) {
      System.setProperty(PROPERTY, wanted);
      LoggerContext context = LogManager.getContext(false);
      try {
        context.getClass().getMethod("reconfigure").invoke(context);
      } catch (ReflectiveOperationException e) {
        LogManager.getLogger(LogFormat.class).warn("Logging backend {} cannot switch to {} lines", context.getClass(), wanted);
      }
    }
  }
}
