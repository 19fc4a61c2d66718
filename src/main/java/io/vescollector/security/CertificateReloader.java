package io.vescollector.security;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads renewed certificates without a restart: checks the TLS files' contents at a fixed interval
 * (on a worker thread) and, when they changed, hands fresh SSL options to every
 * listener. New handshakes use the new certificate; open connections keep theirs.
 */
public final class CertificateReloader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);

  private final Vertx vertx;
  private final SecurityConfig security;
  private final Supplier<List<TlsReloadable>> listeners;
  private final long timerId;
  private volatile String fingerprint;

  public CertificateReloader(Vertx vertx, SecurityConfig security, Supplier<List<TlsReloadable>> listeners) {
    this.vertx = vertx;
    this.security = security;
    this.listeners = listeners;
    this.fingerprint = fingerprint();
    this.timerId = security.reloadIntervalMs() > 0
        ? vertx.setPeriodic(security.reloadIntervalMs(), id -> vertx.executeBlocking(this::check, false)) : -1;
  }

  private Void check() {
    String now = fingerprint();
    if (now.equals(fingerprint)) {
      return null;
    }
    fingerprint = now;
    LOG.info("TLS files changed; loading the renewed certificate");
    for (TlsReloadable listener : listeners.get()) {
      listener.reload(security).onComplete(r -> {
        if (r.failed()) {
          LOG.error("Loading the renewed certificate failed; the previous one stays in use: {}", r.cause().toString());
          fingerprint = ""; // retry at the next check (the files may have been caught half-written)
        }
      });
    }
    return null;
  }

  /** A digest of the files' contents (they are small), so a renewal is seen whatever the timestamps say. */
  private String fingerprint() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path p : security.watchedFiles()) {
        try {
          digest.update(Files.readAllBytes(p));
        } catch (IOException e) {
          digest.update((p + ":missing").getBytes(StandardCharsets.UTF_8));
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
  }

}
