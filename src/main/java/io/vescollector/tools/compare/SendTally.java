package io.vescollector.tools.compare;

import java.util.concurrent.atomic.LongAdder;

/** What a path's producers sent: values, bytes on the wire (as the path defines them), failures. */
public final class SendTally {
  private final LongAdder values = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder messages = new LongAdder();

  public void sent(int valueCount, long wireBytes) {
    values.add(valueCount);
    bytes.add(wireBytes);
    messages.increment();
  }

  public void bytes(long wireBytes) {
    bytes.add(wireBytes);
  }

  public void error() {
    errors.increment();
  }

  public long values() {
    return values.sum();
  }

  public long bytes() {
    return bytes.sum();
  }

  public long errors() {
    return errors.sum();
  }

  public long messages() {
    return messages.sum();
  }
}
