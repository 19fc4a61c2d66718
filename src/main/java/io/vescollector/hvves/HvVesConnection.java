package io.vescollector.hvves;

import io.vescollector.hvves.HvVesMetrics.Drop;
import io.vescollector.hvves.HvVesMetrics.Rejection;
import io.vescollector.hvves.proto.CommonEventHeader;
import io.vescollector.publish.OutgoingRecord;
import io.vescollector.publish.PublishException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HV-VES client connection: frames are decoded, checked, routed and published in arrival order;
 * nothing is ever written back (WTP is one-way). A frame that cannot be read as ONAP requires is dropped
 * and counted, and the connection goes on (a copy goes to the rejected-events topic when one is set); a
 * broken stream (bad marker, payload above the limit) is closed at once, with no frame to copy.
 * Back-pressure: when {@code maxInFlightPerConnection} records wait for Kafka, or the collector's
 * in-flight bound refuses one, the socket is no longer read, so TCP pushes back on the client instead
 * of the collector buffering; reading resumes once half of them are acknowledged.
 */
final class HvVesConnection implements WtpDecoder.Receiver {
  private static final Logger LOG = LoggerFactory.getLogger(HvVesConnection.class);
  /** How soon a record the in-flight bound refused is offered again. */
  private static final long OVERLOAD_RETRY_MS = 20;

  private final Vertx vertx;
  private final NetSocket socket;
  private final FrameHandling handling;
  private final HvVesMetrics metrics;
  private final WtpDecoder decoder;
  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final String peer;
  private final String peerAddress;
  private final byte[] peerBytes;
  private final String principal;
  private final int maxPending;
  private final Consumer<HvVesConnection> onClosed;

  private int pending;
  private Waiting held;
  private boolean paused;
  private boolean closed;
  private long lastReadNanos = System.nanoTime();
  private long frames;
  private long dropped;

  /** A record refused by the in-flight bound, offered again shortly, with what its metrics need. */
  private record Waiting(OutgoingRecord record, long arrivedNanos, long lastEpochMicrosec) {
  }

  /** @param principal the client certificate's subject, or null */
  HvVesConnection(Vertx vertx, NetSocket socket, String principal, FrameHandling handling,
                  Consumer<HvVesConnection> onClosed) {
    this.vertx = vertx;
    this.socket = socket;
    this.handling = handling;
    this.metrics = handling.metrics();
    this.maxPending = handling.config().maxInFlightPerConnection();
    this.decoder = new WtpDecoder(handling.config().maxPayloadBytes(), this);
    this.onClosed = onClosed;
    this.principal = principal;
    SocketAddress remote = socket.remoteAddress();
    this.peer = remote == null ? "unknown" : remote.hostAddress() + ":" + remote.port();
    this.peerAddress = remote == null ? "unknown" : remote.hostAddress();
    this.peerBytes = HvVesRecords.utf8(peerAddress);
  }

  void start() {
    metrics.connected();
    LOG.debug("HV-VES connection {} from {}", id, peer);
    socket.handler(this::read);
    socket.exceptionHandler(e -> LOG.debug("HV-VES connection {} from {}: {}", id, peer, e.toString()));
    socket.closeHandler(v -> closed());
  }

  private void read(Buffer chunk) {
    lastReadNanos = System.nanoTime();
    metrics.bytesRead(chunk.length());
    decoder.feed(chunk);
  }

  @Override
  public void frame(WtpFrame frame) {
    long arrived = System.nanoTime();
    frames++;
    metrics.received(frame.payload().length);
    try {
      handle(frame, arrived);
    } catch (RuntimeException e) {
      LOG.warn("HV-VES connection {} from {} ended: frame {} could not be handled", id, peer, frames, e);
      end(Rejection.UNEXPECTED);
    }
  }

  private void handle(WtpFrame frame, long arrived) {
    FrameCheck.Verdict verdict = handling.check().check(frame);
    switch (verdict.outcome()) {
      case INVALID -> drop(Drop.INVALID, verdict.reason(), frame);
      case UNROUTED -> {
        metrics.travelled(verdict.header().getLastEpochMicrosec(), epochMicros());
        drop(Drop.ROUTING, verdict.reason(), frame);
      }
      case ROUTED -> {
        CommonEventHeader header = verdict.header();
        metrics.travelled(header.getLastEpochMicrosec(), epochMicros());
        OutgoingRecord record = handling.records().create(verdict.topic(), header, frame.payload(), requestId(),
            peerBytes);
        submit(new Waiting(record, arrived, header.getLastEpochMicrosec()));
      }
    }
  }

  private void submit(Waiting work) {
    Future<Void> result = handling.publisher().publish(List.of(work.record()));
    if (result.failed() && result.cause() instanceof PublishException p
        && p.reason() == PublishException.Reason.OVERLOADED) {
      // Nothing was sent: keep it, stop reading, offer it again shortly (order is kept).
      held = work;
      updateFlow();
      vertx.setTimer(OVERLOAD_RETRY_MS, t -> {
        Waiting retry = held;
        held = null;
        submit(retry);
        updateFlow();
      });
      return;
    }
    pending++;
    updateFlow();
    result.onComplete(ar -> {
      pending--;
      if (ar.succeeded()) {
        metrics.sent(work.record().topic(), System.nanoTime() - work.arrivedNanos(), work.lastEpochMicrosec(),
            epochMicros());
      } else {
        metrics.dropped(Drop.KAFKA);
        dropped++;
        LOG.warn("HV-VES connection {} from {}: an event for {} was not stored: {}", id, peer,
            work.record().topic(), ar.cause().getMessage());
      }
      updateFlow();
    });
  }

  /** Pauses reading at the bound; resumes at half of it, so that a busy connection does not flip at every ack. */
  private void updateFlow() {
    boolean full = held != null || pending >= maxPending;
    if (full && !paused) {
      paused = true;
      decoder.hold();
      socket.pause();
    } else if (!full && paused && pending <= maxPending / 2) {
      paused = false;
      lastReadNanos = System.nanoTime();
      socket.resume();
      decoder.release();
    }
  }

  /** Counts the frame as dropped and copies it to the rejected-events topic, if one is set. */
  private void drop(Drop cause, String why, WtpFrame frame) {
    metrics.dropped(cause);
    dropped++;
    if (LOG.isDebugEnabled()) {
      LOG.debug("HV-VES connection {} from {}: frame {} dropped ({}): {}", id, peer, frames, HvVesMetrics.tag(cause),
          why);
    }
    if (handling.rejected().enabled()) {
      handling.rejected().publish(HvVesRecords.dropped(cause, why, frame, requestId(), peerAddress, principal));
    }
  }

  /** The current frame's name in record headers and logs: the connection's id and the frame's number on it. */
  private String requestId() {
    return id + "-" + frames;
  }

  @Override
  public void fault(WtpDecoder.Fault fault, String detail) {
    LOG.info("HV-VES connection {} from {} closed after {} frames: {}", id, peer, frames, detail);
    end(fault == WtpDecoder.Fault.INVALID_MARKER ? Rejection.INVALID_MARKER : Rejection.TOO_BIG_PAYLOAD);
  }

  private void end(Rejection cause) {
    metrics.rejected(cause);
    decoder.hold();
    socket.close();
  }

  /** Closes the connection when it has sent nothing for {@code idleNanos}, unless the collector stopped reading it. */
  void closeIfIdle(long now, long idleNanos) {
    if (!closed && !paused && now - lastReadNanos > idleNanos) {
      LOG.debug("HV-VES connection {} from {} idle; closing", id, peer);
      socket.close();
    }
  }

  private void closed() {
    if (closed) {
      return;
    }
    closed = true;
    metrics.disconnected();
    onClosed.accept(this);
    LOG.debug("HV-VES connection {} from {} closed: {} frames, {} dropped, {} bytes left undecoded", id, peer, frames,
        dropped, decoder.buffered());
  }

  private static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
