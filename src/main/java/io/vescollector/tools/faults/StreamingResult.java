package io.vescollector.tools.faults;

import java.util.List;

/**
 * What the 3GPP streaming failover showed: a network function's connection made through collector A, A
 * killed while units flowed, and the same connection picked up through collector B.
 *
 * @param connectionId the connection's id
 * @param establishedOnA status of POST /connections through A (201)
 * @param unitsThroughA units written to A's WebSocket before the kill showed
 * @param storedFromA of those, units in Kafka
 * @param foundOnB status of GET /connections/{id} through B after the kill (200)
 * @param streamsOnB the streams B listed for it
 * @param addStreamOnB status of adding a second stream through B (201)
 * @param streamsAfterAdd the streams B listed after that
 * @param unitsThroughB units written to B's WebSocket (both streams)
 * @param storedFromB of those, units in Kafka
 * @param duplicates units in Kafka more than once
 * @param closedOnB whether the Close handshake (terminating the connection) completed on B
 * @param notes what happened, with times since the kill
 */
public record StreamingResult(String connectionId, int establishedOnA, long unitsThroughA, long storedFromA,
                              int foundOnB, List<String> streamsOnB, int addStreamOnB,
                              List<String> streamsAfterAdd, long unitsThroughB, long storedFromB, long duplicates,
                              boolean closedOnB, List<String> notes) {
  public StreamingResult {
    streamsOnB = List.copyOf(streamsOnB);
    streamsAfterAdd = List.copyOf(streamsAfterAdd);
    notes = List.copyOf(notes);
  }

  /**
   * The connection and its streams were found on B, it streamed there (the upgrade succeeded, or the run would
   * have failed), and all of B's units were stored.
   */
  public boolean failedOver() {
    return foundOnB == 200 && !streamsOnB.isEmpty() && addStreamOnB == 201 && streamsAfterAdd.size() == 2
        && unitsThroughB > 0 && storedFromB == unitsThroughB && closedOnB;
  }
}
