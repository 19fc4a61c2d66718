package io.vescollector.tools.consume;

import java.io.PrintWriter;

/** The record value as one compact line per record (the collector writes it compact), for jq and scripts. */
public final class JsonLineSink implements EventSink {
  private final PrintWriter out;

  public JsonLineSink(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void accept(ConsumedEvent event) {
    out.println(event.value().replace("\r", "").replace("\n", ""));
    out.flush();
  }
}
