package io.vescollector.hvves;

import io.vertx.core.buffer.Buffer;

/**
 * Cuts a TCP byte stream into WTP frames, whatever the chunking: bytes wait until their frame is
 * complete. The two faults after which the stream cannot be followed end it: a first byte other than
 * the 0xAA marker (checked as soon as it arrives), and a length above the limit (checked from the
 * header, before the payload is waited for; a length of 2^31 or more counts as above). Version and
 * payload type do not end it: the frame is handed on whole and its receiver decides, so framing stays
 * in step. The receiver may {@link #hold()} decoding (the socket's reading is paused, and bytes already
 * read wait here) and {@link #release()} it later.
 */
final class WtpDecoder {
  /** Why a stream cannot be followed any further. */
  enum Fault { INVALID_MARKER, TOO_BIG_PAYLOAD }

  /** Receives what the decoder finds, on the thread that feeds it. */
  interface Receiver {
    void frame(WtpFrame frame);

    void fault(Fault fault, String detail);
  }

  private final int maxPayloadBytes;
  private final Receiver receiver;
  private Buffer buffer = Buffer.buffer(0);
  /** True when {@link #buffer} is this decoder's own copy, which may be appended to. */
  private boolean owned;
  private int position;
  /** Payload length of the frame whose header has been read, or -1 while a header is awaited. */
  private long payloadLength = -1;
  private boolean held;
  private boolean decoding;
  private boolean failed;

  WtpDecoder(int maxPayloadBytes, Receiver receiver) {
    this.maxPayloadBytes = maxPayloadBytes;
    this.receiver = receiver;
  }

  void feed(Buffer chunk) {
    if (failed || chunk.length() == 0) {
      return;
    }
    int available = available();
    if (available == 0) {
      buffer = chunk;
      owned = false;
      position = 0;
    } else {
      if (!owned || position > 0) {
        // The rest of a frame, and room for the whole frame when its length is known.
        long expected = payloadLength < 0 ? 0 : WtpFrame.HEADER_BYTES + payloadLength;
        int capacity = (int) Math.max(available + (long) chunk.length(), expected);
        Buffer copy = Buffer.buffer(capacity);
        copy.appendBuffer(buffer, position, available);
        buffer = copy;
        owned = true;
        position = 0;
      }
      buffer.appendBuffer(chunk);
    }
    decode();
  }

  /** Stops handing out frames until {@link #release()}; bytes fed meanwhile wait. */
  void hold() {
    held = true;
  }

  /** Hands out the frames that waited, unless the receiver holds again. */
  void release() {
    held = false;
    decode();
  }

  /** Bytes received and not yet handed out in a frame. */
  int buffered() {
    return available();
  }

  private int available() {
    return buffer.length() - position;
  }

  private void decode() {
    if (decoding) {
      return; // a receiver that releases from inside frame(): the running loop goes on
    }
    decoding = true;
    try {
      while (!held && !failed && step()) {
        // one frame or header per step
      }
    } finally {
      decoding = false;
    }
  }

  /** Reads a header or a whole frame; false when more bytes are needed. */
  private boolean step() {
    int available = available();
    if (payloadLength < 0) {
      if (available == 0) {
        return false;
      }
      int marker = buffer.getUnsignedByte(position);
      if (marker != WtpFrame.MARKER) {
        fail(Fault.INVALID_MARKER, String.format("frame starts with 0x%02X, not 0xAA", marker));
        return false;
      }
      if (available < WtpFrame.HEADER_BYTES) {
        return false;
      }
      long length = buffer.getUnsignedInt(position + 8);
      if (length > maxPayloadBytes) {
        fail(Fault.TOO_BIG_PAYLOAD, "payload length " + length + " is above the limit of " + maxPayloadBytes + " bytes");
        return false;
      }
      payloadLength = length;
      return true;
    }
    int frameBytes = WtpFrame.HEADER_BYTES + (int) payloadLength;
    if (available < frameBytes) {
      return false;
    }
    int start = position;
    WtpFrame frame = new WtpFrame(buffer.getUnsignedByte(start + 1), buffer.getUnsignedByte(start + 2),
        buffer.getUnsignedShort(start + 6), buffer.getBytes(start + WtpFrame.HEADER_BYTES, start + frameBytes));
    position += frameBytes;
    payloadLength = -1;
    if (position == buffer.length()) {
      buffer = Buffer.buffer(0);
      owned = false;
      position = 0;
    }
    receiver.frame(frame);
    return true;
  }

  private void fail(Fault fault, String detail) {
    failed = true;
    buffer = Buffer.buffer(0);
    position = 0;
    receiver.fault(fault, detail);
  }
}
