package io.vescollector.streaming.producer;

import io.vescollector.streaming.StreamInfo;
import io.vescollector.streaming.pm.gpb.PmStreamUnit;
import java.util.List;

/**
 * Synthesises PM units for a set of streams, round-robin: unit n of a stream covers granularity period
 * n from {@code startMillis}. Values are cheap deterministic counters, distinct per stream, metric and
 * period, so a consumer can tell units apart; every 97th value is flagged suspect.
 */
public final class PmUnitGenerator {
  private final List<StreamInfo> streams;
  private final int granularitySeconds;
  private final long startMillis;
  private final long[] sequence;
  private int next;

  public PmUnitGenerator(List<StreamInfo> streams, int granularitySeconds, long startMillis) {
    this.streams = List.copyOf(streams);
    this.granularitySeconds = granularitySeconds;
    this.startMillis = startMillis;
    this.sequence = new long[streams.size()];
  }

  /** The next unit, cycling through the streams. */
  public PmStreamUnit next() {
    int index = next;
    next = (next + 1) % streams.size();
    return unit(index, sequence[index]++);
  }

  public PmStreamUnit unit(int streamIndex, long n) {
    StreamInfo stream = streams.get(streamIndex);
    int metrics = stream.performance().performanceMetrics().size();
    long start = startMillis + n * granularitySeconds * 1000L;
    PmStreamUnit.Builder b = PmStreamUnit.newBuilder().setStreamId(stream.streamId())
        .setGranularityPeriod(granularitySeconds).setStartTime(start).setEndTime(start + granularitySeconds * 1000L);
    for (int m = 0; m < metrics; m++) {
      b.addValues((n * 1009 + m * 31 + streamIndex * 7) % 100_000);
      if ((n + m) % 97 == 96) {
        b.addSuspect(m);
      }
    }
    return b.build();
  }

  public int streamCount() {
    return streams.size();
  }
}
