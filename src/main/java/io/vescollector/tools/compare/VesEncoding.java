package io.vescollector.tools.compare;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * VES 7.2.1 measurement events for the comparison: one event per cell and period, the cell's M values
 * in measurementFields.additionalMeasurements (one namedHashMap named by the cell's DN). The domain
 * VES producers actually use for PM counters, and the smallest valid carrier of named values; the send
 * time is lastEpochMicrosec (the period ends when it is sent), so the consumer can measure latency.
 */
public final class VesEncoding {
  private final JsonFactory json = new JsonFactory();
  private final Workload workload;
  private final List<String> names;

  public VesEncoding(Workload workload) {
    this.workload = workload;
    this.names = workload.plan().metricNames();
  }

  /** {@code {"event": {...}}}, the body of one POST. */
  public byte[] single(CellReport report, long sendMillis) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512 + names.size() * 32);
    try (JsonGenerator g = json.createGenerator(out)) {
      g.writeStartObject();
      g.writeFieldName("event");
      writeEvent(g, report, sendMillis);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** {@code {"eventList": [...]}}: one event per report (one producer's period). */
  public byte[] batch(List<CellReport> reports, long sendMillis) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(reports.size() * (512 + names.size() * 32));
    try (JsonGenerator g = json.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("eventList");
      for (CellReport r : reports) {
        writeEvent(g, r, sendMillis);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private void writeEvent(JsonGenerator g, CellReport r, long sendMillis) throws IOException {
    int granularity = workload.plan().granularitySeconds();
    String producerDn = workload.plan().producerDn(r.producer());
    g.writeStartObject();
    g.writeObjectFieldStart("commonEventHeader");
    g.writeStringField("domain", "measurement");
    g.writeStringField("eventId", "pm-" + r.producer() + "-" + r.cell() + "-" + r.period());
    g.writeStringField("eventName", "Measurement_Sim_CellPm");
    g.writeNumberField("lastEpochMicrosec", sendMillis * 1000);
    g.writeStringField("priority", "Normal");
    g.writeStringField("reportingEntityName", producerDn);
    g.writeNumberField("sequence", r.period());
    g.writeStringField("sourceName", producerDn);
    g.writeNumberField("startEpochMicrosec", (sendMillis - granularity * 1000L) * 1000);
    g.writeStringField("version", "4.1");
    g.writeStringField("vesEventListenerVersion", "7.2.1");
    g.writeEndObject();
    g.writeObjectFieldStart("measurementFields");
    g.writeStringField("measurementFieldsVersion", "4.0");
    g.writeNumberField("measurementInterval", granularity);
    g.writeArrayFieldStart("additionalMeasurements");
    g.writeStartObject();
    g.writeStringField("name", workload.plan().cellDn(r.producer(), r.cell()));
    g.writeObjectFieldStart("hashMap");
    double[] values = r.values();
    for (int m = 0; m < values.length; m++) {
      g.writeStringField(names.get(m), Long.toString((long) values[m]));
    }
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }
}
