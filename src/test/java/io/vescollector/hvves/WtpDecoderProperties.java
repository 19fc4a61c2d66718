package io.vescollector.hvves;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * {@link WtpDecoder} cuts any chunking of a byte stream into the same frames, also when the receiver
 * holds decoding at any frame and releases it later; a broken stream ends with one fault, the frames
 * before it delivered and none after.
 */
class WtpDecoderProperties {
  private static final int LIMIT = 1000;

  /** Header fields and payload of a frame to write, any version and payload type. */
  record Spec(int major, int minor, int payloadId, byte[] payload) {
    byte[] bytes() {
      return HvVesSamples.frame(0xAA, major, minor, payloadId, payload.length, payload);
    }
  }

  @Property(tries = 500)
  void anyChunkingGivesTheSameFrames(@ForAll("streams") List<Spec> frames, @ForAll("cuts") List<Integer> cuts) {
    Collected out = new Collected();
    WtpDecoder decoder = decodeInChunks(concat(frames), cuts, out);
    assertFrames(frames, out.frames);
    assertEquals(List.of(), out.faults);
    assertEquals(0, decoder.buffered());
  }

  @Property(tries = 300)
  void holdingAtAnyFrameDelaysButNeverLosesOrReordersFrames(@ForAll("streams") List<Spec> frames,
                                                            @ForAll("cuts") List<Integer> cuts,
                                                            @ForAll @Size(max = 10) List<@IntRange(max = 12) Integer> holdAt) {
    byte[] stream = concat(frames);
    Collected out = new Collected();
    WtpDecoder decoder = new WtpDecoder(LIMIT, out);
    TreeSet<Integer> holds = new TreeSet<>(holdAt);
    out.onFrame = () -> {
      if (holds.remove(out.frames.size())) {
        out.held = true;
        decoder.hold();
      }
    };
    boolean releaseNow = false;
    for (Buffer chunk : chunks(stream, cuts)) {
      decoder.feed(chunk); // while held, the chunk waits: Collected fails on any frame
      if (out.held && releaseNow) {
        out.held = false;
        decoder.release();
      }
      releaseNow = !releaseNow; // held decoding sees every other chunk arrive before it is released
    }
    while (out.held) {
      out.held = false;
      decoder.release();
    }
    assertFrames(frames, out.frames);
    assertEquals(0, decoder.buffered());
  }

  @Property(tries = 300)
  void aBadMarkerEndsTheStreamAfterTheFramesBeforeIt(@ForAll("streams") List<Spec> before,
                                                     @ForAll("streams") List<Spec> after,
                                                     @ForAll @IntRange(min = 0, max = 255) int marker,
                                                     @ForAll("cuts") List<Integer> cuts) {
    if (marker == 0xAA) {
      marker = 0;
    }
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    stream.writeBytes(concat(before));
    stream.write(marker);
    stream.writeBytes(concat(after));
    Collected out = new Collected();
    decodeInChunks(stream.toByteArray(), cuts, out);
    assertFrames(before, out.frames);
    assertEquals(List.of(WtpDecoder.Fault.INVALID_MARKER), out.faults);
  }

  @Property(tries = 300)
  void aLengthAboveTheLimitEndsTheStreamWithoutWaitingForThePayload(@ForAll("streams") List<Spec> before,
                                                                    @ForAll("tooLong") long length,
                                                                    @ForAll("cuts") List<Integer> cuts) {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    stream.writeBytes(concat(before));
    stream.writeBytes(HvVesSamples.frame(0xAA, 1, 0, 1, length, new byte[0])); // the header alone
    Collected out = new Collected();
    decodeInChunks(stream.toByteArray(), cuts, out);
    assertFrames(before, out.frames);
    assertEquals(List.of(WtpDecoder.Fault.TOO_BIG_PAYLOAD), out.faults);
  }

  @Example
  void aPayloadOfExactlyTheLimitIsAFrame() {
    Collected out = new Collected();
    WtpDecoder decoder = new WtpDecoder(LIMIT, out);
    decoder.feed(Buffer.buffer(HvVesSamples.frame(new byte[LIMIT])));
    assertEquals(1, out.frames.size());
    assertEquals(LIMIT, out.frames.get(0).payload().length);
    assertEquals(List.of(), out.faults);
  }

  @Provide
  Arbitrary<List<Spec>> streams() {
    Arbitrary<Spec> spec = Combinators.combine(
        Arbitraries.of(1, 1, 1, 2, 0, 255),
        Arbitraries.integers().between(0, 255),
        Arbitraries.of(1, 1, 1, 0, 2, 0xFFFF),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(300)).as(Spec::new);
    return spec.list().ofMaxSize(12);
  }

  /** Offsets at which the stream is cut; beyond its end they are ignored. */
  @Provide
  Arbitrary<List<Integer>> cuts() {
    return Arbitraries.integers().between(0, 4000).list().ofMaxSize(40);
  }

  @Provide
  Arbitrary<Long> tooLong() {
    return Arbitraries.oneOf(Arbitraries.longs().between(LIMIT + 1, 0xFFFF_FFFFL),
        Arbitraries.of((long) LIMIT + 1, 1L << 31, 0xFFFF_FFFFL));
  }

  private static byte[] concat(List<Spec> frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    frames.forEach(f -> out.writeBytes(f.bytes()));
    return out.toByteArray();
  }

  /** Feeds {@code stream} to a new decoder cut at {@code cuts}, frames and faults going to {@code out}. */
  private static WtpDecoder decodeInChunks(byte[] stream, List<Integer> cuts, Collected out) {
    WtpDecoder decoder = new WtpDecoder(LIMIT, out);
    for (Buffer chunk : chunks(stream, cuts)) {
      decoder.feed(chunk);
    }
    return decoder;
  }

  private static List<Buffer> chunks(byte[] stream, List<Integer> cuts) {
    List<Integer> points = new ArrayList<>(new TreeSet<>(cuts).headSet(stream.length));
    List<Buffer> chunks = new ArrayList<>();
    int start = 0;
    for (int cut : points) {
      chunks.add(Buffer.buffer().appendBytes(stream, start, cut - start));
      start = cut;
    }
    chunks.add(Buffer.buffer().appendBytes(stream, start, stream.length - start));
    return chunks;
  }

  private static void assertFrames(List<Spec> expected, List<WtpFrame> actual) {
    assertEquals(expected.size(), actual.size(), "frames");
    for (int i = 0; i < expected.size(); i++) {
      Spec e = expected.get(i);
      WtpFrame a = actual.get(i);
      assertEquals(List.of(e.major(), e.minor(), e.payloadId()), List.of(a.versionMajor(), a.versionMinor(), a.payloadId()),
          "frame " + i);
      assertArrayEquals(e.payload(), a.payload(), "frame " + i);
    }
  }

  private static final class Collected implements WtpDecoder.Receiver {
    final List<WtpFrame> frames = new ArrayList<>();
    final List<WtpDecoder.Fault> faults = new ArrayList<>();
    Runnable onFrame = () -> { };
    boolean held;

    @Override
    public void frame(WtpFrame frame) {
      assertTrue(!held, "a frame came out while decoding was held");
      frames.add(frame);
      onFrame.run();
    }

    @Override
    public void fault(WtpDecoder.Fault fault, String detail) {
      faults.add(fault);
    }
  }
}
