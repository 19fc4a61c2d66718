package io.vescollector.hvves;

/**
 * One complete WTP 1.0 frame: its header fields and its payload, copied out of the stream.
 *
 * @param payloadId 1 = a protobuf {@code VesEvent}; 0 = undefined
 */
public record WtpFrame(int versionMajor, int versionMinor, int payloadId, byte[] payload) {
  public static final int HEADER_BYTES = 12;
  public static final int MARKER = 0xAA;
  public static final int VERSION_MAJOR = 1;
  public static final int PAYLOAD_VES_EVENT = 1;

  /** A WTP 1.0 frame of a {@code VesEvent}: the 12-byte header, then the payload. */
  public static byte[] encode(byte[] vesEvent) {
    byte[] frame = new byte[HEADER_BYTES + vesEvent.length];
    frame[0] = (byte) MARKER;
    frame[1] = VERSION_MAJOR;
    frame[7] = PAYLOAD_VES_EVENT;
    int length = vesEvent.length;
    frame[8] = (byte) (length >>> 24);
    frame[9] = (byte) (length >>> 16);
    frame[10] = (byte) (length >>> 8);
    frame[11] = (byte) length;
    System.arraycopy(vesEvent, 0, frame, HEADER_BYTES, length);
    return frame;
  }

  /** Whether the collector reads this frame's payload: version 1.x carrying a {@code VesEvent}. */
  public boolean supported() {
    return versionMajor == VERSION_MAJOR && payloadId == PAYLOAD_VES_EVENT;
  }
}
