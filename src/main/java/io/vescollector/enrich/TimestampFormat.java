package io.vescollector.enrich;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formats of {@code internalHeaderFields.collectorTimeStamp}. */
public enum TimestampFormat {
  /** RFC 3339 in UTC with milliseconds, e.g. {@code 2026-11-26T15:11:28.123Z}: sortable and unambiguous. */
  RFC3339(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC)),
  /**
   * ONAP's pattern, byte for byte, for consumers that parse it: numeric month and a 12-hour clock
   * without AM/PM (ambiguous, which is why it is not the default), in UTC.
   */
  ONAP(DateTimeFormatter.ofPattern("EEE, MM dd yyyy hh:mm:ss z", Locale.ENGLISH).withZone(ZoneId.of("UTC")));

  private final DateTimeFormatter formatter;

  TimestampFormat(DateTimeFormatter formatter) {
    this.formatter = formatter;
  }

  public String format(Instant instant) {
    return formatter.format(instant);
  }
}
