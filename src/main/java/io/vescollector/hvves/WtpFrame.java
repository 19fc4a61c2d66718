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

  /** Whether the collector reads this frame's payload: version 1.x carrying a {@code VesEvent}. */
  public boolean supported() {
    return versionMajor == VERSION_MAJOR && payloadId == PAYLOAD_VES_EVENT;
  }
}
