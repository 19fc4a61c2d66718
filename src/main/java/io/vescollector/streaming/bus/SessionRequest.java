package io.vescollector.streaming.bus;

import io.vescollector.streaming.StreamInfo;
import java.util.List;

/**
 * The project's establish-logical-streaming-session request (modelled on TS 28.532 connectionRequest):
 * the consumer's identity, its broker endpoint(s), and the streams as unchanged TS 28.532 streamInfo.
 */
public record SessionRequest(String consumer, List<BrokerEndpoint> brokerEndpoints, List<StreamInfo> streams) {
  public SessionRequest {
    brokerEndpoints = List.copyOf(brokerEndpoints);
    streams = List.copyOf(streams);
  }
}
