package io.vescollector.testkit;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

/**
 * What is logged (at the levels log4j2-test.xml lets through) while it is open, as
 * {@code "LEVEL logger - message"} lines, including the thrown exception's text.
 */
public final class LogCapture implements AutoCloseable {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final LoggerContext context;
  private final AbstractAppender appender;

  public LogCapture() {
    context = (LoggerContext) LogManager.getContext(false);
    appender = new AbstractAppender("capture-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        Throwable thrown = event.getThrown();
        lines.add(event.getLevel() + " " + event.getLoggerName() + " - " + event.getMessage().getFormattedMessage()
            + (thrown == null ? "" : " " + thrown));
      }
    };
    appender.start();
    Configuration config = context.getConfiguration();
    config.addAppender(appender);
    config.getRootLogger().addAppender(appender, null, null);
    context.updateLoggers();
  }

  /** The lines so far. */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** Lines whose logger name starts with {@code loggerPrefix}. */
  public List<String> linesOf(String loggerPrefix) {
    return lines.stream().filter(l -> l.substring(l.indexOf(' ') + 1).startsWith(loggerPrefix)).toList();
  }

  @Override
  public void close() {
    Configuration config = context.getConfiguration();
    config.getRootLogger().removeAppender(appender.getName());
    context.updateLoggers();
    appender.stop();
  }
}
