package io.vescollector.hvves;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded HV-VES stream (a file of WTP frames, as a sender writes them to its socket) judged as the
 * listener judges it: each frame's verdict, and where the stream breaks if it does (a bad marker, a
 * length above the limit, or bytes left over that make no whole frame).
 */
public final class WtpStreamCheck {
  private static final int READ_BYTES = 64 * 1024;

  /** One frame: its number (from 1), where it starts in the stream, its payload size, and the verdict. */
  public record FrameReport(int number, long offset, int payloadBytes, FrameCheck.Verdict verdict) {
  }

  /** @param broken why the stream cannot be followed past {@code brokenAt}, or null when it ends cleanly */
  public record StreamReport(List<FrameReport> frames, String broken, long brokenAt) {
    public boolean allRouted() {
      return broken == null && frames.stream().allMatch(f -> f.verdict().outcome() == FrameCheck.Outcome.ROUTED);
    }
  }

  private final int maxPayloadBytes;
  private final FrameCheck check;

  public WtpStreamCheck(int maxPayloadBytes, FrameCheck check) {
    this.maxPayloadBytes = maxPayloadBytes;
    this.check = check;
  }

  public StreamReport check(InputStream in) throws IOException {
    List<FrameReport> frames = new ArrayList<>();
    long[] offset = {0};
    String[] broken = {null};
    WtpDecoder decoder = new WtpDecoder(maxPayloadBytes, new WtpDecoder.Receiver() {
      @Override
      public void frame(WtpFrame frame) {
        frames.add(new FrameReport(frames.size() + 1, offset[0], frame.payload().length, check.check(frame)));
        offset[0] += WtpFrame.HEADER_BYTES + frame.payload().length;
      }

      @Override
      public void fault(WtpDecoder.Fault fault, String detail) {
        broken[0] = detail + (fault == WtpDecoder.Fault.INVALID_MARKER
            ? ": the listener closes the connection (invalid_marker)"
            : ": the listener closes the connection (too_big_payload)");
      }
    });
    byte[] chunk = new byte[READ_BYTES];
    for (int n = in.read(chunk); n >= 0 && broken[0] == null; n = in.read(chunk)) {
      decoder.feed(Buffer.buffer().appendBytes(chunk, 0, n));
    }
    if (broken[0] == null && decoder.buffered() > 0) {
      broken[0] = decoder.buffered() + " bytes at the end make no whole frame";
    }
    return new StreamReport(frames, broken[0], offset[0]);
  }
}
