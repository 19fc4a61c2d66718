package io.vescollector.config;

import io.vertx.core.transport.Transport;
import java.util.Locale;

/**
 * How the event loops do their network I/O ({@code server.transport}). Netty's io_uring transport hands
 * the kernel its reads and writes in batches instead of a system call each; on a virtual machine, where a
 * system call is dear, that takes CPU off every HTTP/1.1 event (docs/OPERATIONS.md). It is not the default:
 * container runtimes refuse io_uring for its security record, and the collector's other paths measured no
 * gain from it; Java NIO, the JDK's own, behaves the same on every platform. epoll is Netty's other native
 * transport.
 */
public enum NetworkTransport {
  /** io_uring where the kernel allows it, else epoll, else Java NIO. */
  AUTO,
  /** io_uring; start-up fails where it is unavailable. */
  IO_URING,
  /** epoll; start-up fails where it is unavailable. */
  EPOLL,
  /** Java NIO, on every platform. */
  NIO;

  /** The transport actually used: {@link #AUTO} resolved on this machine. */
  public NetworkTransport resolved() {
    if (this != AUTO) {
      return this;
    }
    return IO_URING.available() ? IO_URING : EPOLL.available() ? EPOLL : NIO;
  }

  /** Whether this transport runs here: its native library loads and the kernel allows it. */
  public boolean available() {
    return this == AUTO || (netty() != null && netty().available());
  }

  /** Why this transport does not run here, or null when it does. */
  public String unavailableBecause() {
    if (available()) {
      return null;
    }
    Transport t = netty();
    Throwable cause = t == null ? null : t.unavailabilityCause();
    return cause == null ? "its native library is not on the class path" : cause.toString();
  }

  /** Vert.x's transport for the resolved choice. */
  public Transport vertxTransport() {
    return resolved().netty();
  }

  private Transport netty() {
    return switch (this) {
      case IO_URING -> Transport.IO_URING;
      case EPOLL -> Transport.EPOLL;
      default -> Transport.NIO;
    };
  }

  /** For the start-up line: "io_uring", or "Java NIO (io_uring unavailable: ...; epoll unavailable: ...)". */
  public String describe() {
    NetworkTransport used = resolved();
    String name = used == NIO ? "Java NIO" : used.key();
    if (this != AUTO || used == IO_URING) {
      return name;
    }
    StringBuilder why = new StringBuilder(name).append(" (io_uring unavailable: ").append(IO_URING.unavailableBecause());
    if (used == NIO) {
      why.append("; epoll unavailable: ").append(EPOLL.unavailableBecause());
    }
    return why.append(')').toString();
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
