package io.vescollector.security;

import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import java.util.Locale;

/**
 * Which TLS implementation the listeners use ({@code tls.engine}). OpenSSL (BoringSSL, through
 * netty-tcnative) does a full handshake for a small fraction of the JDK's CPU, which decides what a
 * collector costs when network functions open a connection per event; the JDK's remains for platforms
 * where the native library does not load.
 */
public enum TlsEngine {
  /** OpenSSL where netty-tcnative loads, else the JDK's. */
  AUTO,
  /** OpenSSL; start-up fails where it cannot load. */
  OPENSSL,
  /** The JDK's own. */
  JDK;

  /** Whether netty-tcnative's OpenSSL loads on this platform. */
  public static boolean openSslAvailable() {
    return OpenSsl.isAvailable();
  }

  /** Why OpenSSL does not load here, or null when it does. */
  public static String openSslUnavailableBecause() {
    Throwable cause = OpenSsl.unavailabilityCause();
    return cause == null ? null : cause.toString();
  }

  /** The engine actually used: {@link #AUTO} resolved on this platform. */
  public TlsEngine resolved() {
    return this == AUTO ? (openSslAvailable() ? OPENSSL : JDK) : this;
  }

  /** Vert.x's options for the resolved engine; OpenSSL keeps a server-side session cache for resumption. */
  public SSLEngineOptions options() {
    return resolved() == OPENSSL ? new OpenSSLEngineOptions().setSessionCacheEnabled(true) : new JdkSSLEngineOptions();
  }

  /** For the start-up log: "OpenSSL (BoringSSL)" or "the JDK's engine". */
  public String describe() {
    return resolved() == OPENSSL ? "OpenSSL (" + OpenSsl.versionString() + ")"
        : "the JDK's engine" + (this == AUTO ? " (OpenSSL unavailable: " + openSslUnavailableBecause() + ")" : "");
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
