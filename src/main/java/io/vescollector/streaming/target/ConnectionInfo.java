package io.vescollector.streaming.target;

import io.vescollector.streaming.StreamInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One streaming connection as every collector sees it: the short id (last segment of its URI, the key
 * in the connections topic), the connection URI given in Location, the producer's DN, the full
 * streamInfo of each stream, which is what decodes and names its units, and its owner: the principal
 * that established it (null when the listener does not authenticate).
 */
public record ConnectionInfo(String id, String uri, String producer, List<StreamInfo> streams, String owner) {
  public ConnectionInfo {
    streams = List.copyOf(streams);
  }

  public Optional<StreamInfo> stream(String streamId) {
    for (StreamInfo s : streams) {
      if (s.streamId().equals(streamId)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  public ConnectionInfo withAdded(Collection<StreamInfo> added) {
    List<StreamInfo> all = new ArrayList<>(streams);
    all.addAll(added);
    return new ConnectionInfo(id, uri, producer, all, owner);
  }

  public ConnectionInfo without(Collection<String> streamIds) {
    return new ConnectionInfo(id, uri, producer,
        streams.stream().filter(s -> !streamIds.contains(s.streamId())).toList(), owner);
  }
}
