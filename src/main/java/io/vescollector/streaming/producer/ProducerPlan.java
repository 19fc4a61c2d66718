package io.vescollector.streaming.producer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.streaming.StreamInfo;
import io.vescollector.streaming.StreamInfoValidator;
import java.util.ArrayList;
import java.util.List;

/**
 * What the simulated network streams: K producers (network functions), each with C measured objects
 * (cells) and one PERFORMANCE stream per cell, as performanceInfo allows one measObjDn per stream;
 * every stream reports the same M metrics. Units are sent at {@code unitsPerSecond} per producer
 * (0 = as fast as the target takes them); each unit covers the next granularity period of its stream,
 * so simulated time runs ahead of the clock when the rate is high.
 */
public record ProducerPlan(String runId, int producers, int cells, int metrics, int granularitySeconds,
                           double unitsPerSecond, long durationSeconds) {

  /** Real 3GPP TS 28.552 measurement names first, then vendor-specific ones. */
  private static final List<String> KNOWN_METRICS = List.of("DRB.UEThpDl", "DRB.UEThpUl", "RRU.PrbUsedDl",
      "RRU.PrbUsedUl", "RRC.ConnMean", "RRC.ConnMax", "DRB.PdcpSduVolumeDL", "DRB.PdcpSduVolumeUL",
      "RRU.PrbTotDl", "RRU.PrbTotUl");

  public ProducerPlan {
    if (producers < 1 || cells < 1 || metrics < 1 || granularitySeconds < 1 || unitsPerSecond < 0) {
      throw new IllegalArgumentException("producers, cells, metrics and granularity must be positive, the rate not negative");
    }
  }

  public String producerDn(int producer) {
    return "SubNetwork=Sim,ManagedElement=sim-" + runId + "-" + producer + ",GNBDUFunction=1";
  }

  public String cellDn(int producer, int cell) {
    return producerDn(producer) + ",NRCellDU=" + cell;
  }

  public String streamId(int producer, int cell) {
    return "sim-" + runId + "-p" + producer + "-c" + cell;
  }

  public List<String> metricNames() {
    List<String> names = new ArrayList<>(metrics);
    for (int i = 0; i < metrics; i++) {
      names.add(i < KNOWN_METRICS.size() ? KNOWN_METRICS.get(i) : "VS.Sim.Metric" + i);
    }
    return names;
  }

  /** The streamInfo JSON of one producer's streams, as sent in POST /connections or a session request. */
  public ArrayNode streamInfos(ObjectMapper mapper, int producer) {
    ArrayNode streams = mapper.createArrayNode();
    List<String> names = metricNames();
    for (int c = 0; c < cells; c++) {
      ObjectNode s = streams.addObject();
      s.put("streamType", "PERFORMANCE").put("serializationFormat", "GPB").put("streamId", streamId(producer, c));
      ObjectNode info = s.putObject("additionalInfo");
      info.put("measObjDn", cellDn(producer, c));
      ArrayNode list = info.putArray("performanceMetrics");
      names.forEach(list::add);
      info.put("jobId", "sim-job-" + runId);
    }
    return streams;
  }

  /** The same streams as validated StreamInfo (what a target would keep). */
  public List<StreamInfo> streams(ObjectMapper mapper, int producer) {
    StreamInfoValidator validator = new StreamInfoValidator();
    List<StreamInfo> out = new ArrayList<>();
    streamInfos(mapper, producer).forEach(n -> out.add(validator.check(n).info()));
    return out;
  }
}
