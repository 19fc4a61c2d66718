package io.vescollector.tools.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vescollector.publish.OutgoingRecord;
import io.vescollector.streaming.StreamInfo;
import io.vescollector.streaming.StreamRecordFactory;
import io.vescollector.streaming.UnitOrigin;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kafka record a producer publishes itself on the message-bus path: the same record as the
 * collector writes for the WebSocket path ({@link StreamRecordFactory}), as the proposal's
 * BusSession does, from the GPB unit of the same cell and period.
 */
public final class BusEncoding {
  private final Workload workload;
  private final GpbEncoding gpb;
  private final StreamRecordFactory records = new StreamRecordFactory();
  private final List<List<StreamInfo>> streams = new ArrayList<>();
  private final List<UnitOrigin> origins = new ArrayList<>();

  public BusEncoding(Workload workload, ObjectMapper mapper) {
    this.workload = workload;
    this.gpb = new GpbEncoding(workload);
    for (int k = 0; k < workload.producers(); k++) {
      streams.add(workload.plan().streams(mapper, k));
      origins.add(UnitOrigin.session(workload.plan().producerDn(k), "compare-session-" + k));
    }
  }

  public OutgoingRecord record(String topic, CellReport r, long sendMillis) {
    return records.performance(topic, origins.get(r.producer()), streams.get(r.producer()).get(r.cell()),
        gpb.unit(r, sendMillis));
  }

  public Workload workload() {
    return workload;
  }
}
