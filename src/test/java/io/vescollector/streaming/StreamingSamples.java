package io.vescollector.streaming;

import io.vescollector.streaming.pm.gpb.PmStreamUnit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Connection requests, streamInfos and stream units for the streaming tests. */
public final class StreamingSamples {
  public static final String PRODUCER = "SubNetwork=ABCNetwork,SubNetwork=MUC01,GNBDUFunction=XYZ0100";
  public static final String BASE = "/StreamingDataReportingMnS/v1";

  private StreamingSamples() {}

  public static JsonObject performance(String streamId, String dn, String... metrics) {
    return new JsonObject().put("streamType", "PERFORMANCE").put("serializationFormat", "GPB").put("streamId", streamId)
        .put("additionalInfo", new JsonObject().put("measObjDn", dn).put("performanceMetrics", new JsonArray(List.of((Object[]) metrics)))
            .put("jobId", "job-1"));
  }

  public static JsonObject trace(String traceReference) {
    return new JsonObject().put("streamType", "TRACE").put("serializationFormat", "GPB").put("streamId", traceReference)
        .put("additionalInfo", new JsonObject().put("jobType", "TRACE_ONLY"));
  }

  public static JsonObject request(JsonObject... streams) {
    return new JsonObject().put("producer", PRODUCER).put("streams", new JsonArray(List.of((Object[]) streams)));
  }

  public static byte[] pmUnit(String streamId, long endMillis, double... values) {
    PmStreamUnit.Builder b = PmStreamUnit.newBuilder().setStreamId(streamId).setGranularityPeriod(60)
        .setStartTime(endMillis - 60_000).setEndTime(endMillis);
    for (double v : values) {
      b.addValues(v);
    }
    return b.build().toByteArray();
  }
}
