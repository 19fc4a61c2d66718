package io.vescollector.hvves;

import io.vescollector.security.AuthMethod;
import io.vescollector.security.SecurityConfig;
import io.vertx.core.net.NetSocket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The VES listener's certificate rule applied to an HV-VES connection: the TLS handshake has already
 * required a certificate that chains to {@code tls.trustFile}; its subject (RFC 2253) must also match one
 * of {@code auth.certSubjectPattern} in full. ONAP accepts any certificate its trust store trusts.
 */
final class ClientCertificate {
  private ClientCertificate() {}

  /**
   * Why the connection may not send, or null when it may.
   *
   * @param subject the connection's {@link #subject}
   */
  static String refusal(String subject, SecurityConfig security) {
    if (!security.tls() || security.method() == AuthMethod.NONE) {
      return null;
    }
    if (subject == null) {
      return "no client certificate";
    }
    for (Pattern allowed : security.subjectPatterns()) {
      if (allowed.matcher(subject).matches()) {
        return null;
      }
    }
    return "certificate subject '" + subject + "' is not allowed";
  }

  /** The subject of the certificate the client presented, or null (plain TCP, or no certificate). */
  static String subject(NetSocket socket) {
    if (!socket.isSsl()) {
      return null;
    }
    try {
      List<Certificate> chain = socket.peerCertificates();
      if (chain != null && !chain.isEmpty() && chain.get(0) instanceof X509Certificate x509) {
        return x509.getSubjectX500Principal().getName();
      }
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
    return null;
  }
}
