package io.vescollector.security;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.util.Set;

/** The listener's TLS settings from {@link SecurityConfig}: TLS 1.2 and 1.3 only, client certificates as the auth method asks. */
public final class TlsOptions {
  static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  private TlsOptions() {}

  /**
   * Turns TLS on in the HTTP listener's {@code options} when a certificate is configured; plain HTTP is then
   * refused. With {@code http2}, ALPN offers HTTP/2 first and HTTP/1.1 to the clients that prefer it.
   */
  public static HttpServerOptions apply(HttpServerOptions options, SecurityConfig security, boolean http2) {
    return security.tls() ? apply(options, security, sslOptions(security)).setUseAlpn(http2) : options;
  }

  /**
   * Turns TLS on in a server's {@code options} with {@code ssl}'s certificate, protocols, client
   * authentication and trust, through {@code tls.engine}: the HTTP and HV-VES listeners alike.
   */
  public static <T extends NetServerOptions> T apply(T options, SecurityConfig security, ServerSSLOptions ssl) {
    options.setSsl(true).setSslEngineOptions(security.engine().options()).setKeyCertOptions(ssl.getKeyCertOptions())
        .setEnabledSecureTransportProtocols(ssl.getEnabledSecureTransportProtocols()).setClientAuth(ssl.getClientAuth());
    if (ssl.getTrustOptions() != null) {
      options.setTrustOptions(ssl.getTrustOptions());
    }
    return options;
  }

  /**
   * Fresh options read from the files, for a hot reload. A reload replaces the keys and certificates only:
   * what ALPN offers stays as the listener started.
   */
  public static ServerSSLOptions sslOptions(SecurityConfig security) {
    ServerSSLOptions ssl = new ServerSSLOptions().setKeyCertOptions(keyCert(security))
        .setEnabledSecureTransportProtocols(PROTOCOLS)
        .setClientAuth(switch (security.method()) {
          case CERT -> ClientAuth.REQUIRED;
          case CERTORBASIC -> ClientAuth.REQUEST;
          default -> ClientAuth.NONE;
        });
    if (security.trustFile() != null) {
      ssl.setTrustOptions(new PemTrustOptions().addCertPath(security.trustFile().toString()));
    }
    return ssl;
  }

  private static KeyCertOptions keyCert(SecurityConfig security) {
    if (security.keyStoreFile() != null) {
      return new PfxOptions().setPath(security.keyStoreFile().toString()).setPassword(security.keyStorePassword());
    }
    return new PemKeyCertOptions().setCertPath(security.certFile().toString()).setKeyPath(security.keyFile().toString());
  }
}
