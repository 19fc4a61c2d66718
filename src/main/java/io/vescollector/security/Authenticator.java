package io.vescollector.security;

import io.vescollector.answer.Responder;
import io.vescollector.answer.VesError;
import io.vescollector.answer.VesProblem;
import io.vescollector.receive.Disconnect;
import io.vescollector.receive.VesEndpoint;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who sent a request, before its body is read: a client certificate the TLS handshake
 * verified against the trust store, whose subject DN matches an allowed pattern, and/or HTTP Basic
 * against bcrypt hashes. bcrypt is slow on purpose, so it runs on a worker thread, and a verified
 * user/password pair is remembered (as a SHA-256 digest, never the password) so that a sender's
 * following requests cost a map lookup. Failures get 401 POL2000 with WWW-Authenticate. The principal
 * and its allowed sourceName patterns are left in the routing context for the VES endpoint.
 */
public final class Authenticator implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
  private static final int MAX_REMEMBERED = 10_000;

  private final SecurityConfig security;
  private final Responder responder;
  private final Set<String> verified = ConcurrentHashMap.newKeySet();

  public Authenticator(SecurityConfig security, Responder responder) {
    this.security = security;
    this.responder = responder;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (security.method().usesCertificates()) {
      String subject = clientSubject(ctx);
      if (subject != null && matchesAny(security.subjectPatterns(), subject)) {
        accept(ctx, subject);
        return;
      }
      if (security.method() == AuthMethod.CERT) {
        refuse(ctx, subject == null ? "no client certificate" : "certificate subject '" + subject + "' is not allowed");
        return;
      }
    }
    basic(ctx);
  }

  private void basic(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      refuse(ctx, "no credentials");
      return;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      refuse(ctx, "malformed Basic credentials");
      return;
    }
    int colon = decoded.indexOf(':');
    String user = colon < 0 ? decoded : decoded.substring(0, colon);
    String password = colon < 0 ? "" : decoded.substring(colon + 1);
    String hash = security.users().get(user);
    if (hash == null) {
      refuse(ctx, "unknown user '" + printable(user) + "'");
      return;
    }
    String remembered = user + '\u0000' + sha256(hash + '\u0000' + password);
    if (verified.contains(remembered)) {
      accept(ctx, user);
      return;
    }
    ctx.request().pause(); // the body waits while bcrypt runs; BoundedBody resumes it
    ctx.vertx().executeBlocking(() -> OpenBSDBCrypt.checkPassword(hash, password.toCharArray()), false)
        .onComplete(result -> {
          if (result.succeeded() && result.result()) {
            if (verified.size() >= MAX_REMEMBERED) {
              verified.clear();
            }
            verified.add(remembered);
            accept(ctx, user);
          } else {
            refuse(ctx, "wrong password for user '" + printable(user) + "'");
          }
        });
  }

  private void accept(RoutingContext ctx, String principal) {
    ctx.put(VesEndpoint.PRINCIPAL_KEY, principal);
    List<Pattern> sources = security.sources().get(principal);
    if (sources != null) {
      Predicate<String> allowed = source -> matchesAny(sources, source);
      ctx.put(VesEndpoint.SOURCE_CHECK_KEY, allowed);
    }
    ctx.next();
  }

  private void refuse(RoutingContext ctx, String why) {
    LOG.info("Authentication failed from {} for {} {}: {}", ctx.request().remoteAddress(), ctx.request().method(),
        ctx.request().path(), why);
    Disconnect.prepare(ctx.request()); // the body stays unread
    responder.problem(ctx.response(), VesProblem.withText(VesError.POL2000, "Unauthorized user: %1",
        security.method() == AuthMethod.CERT
            ? "a trusted client certificate with an allowed subject is required"
            : "valid credentials are required"));
    Disconnect.closeSoon(ctx.vertx(), ctx.request());
  }

  private static String clientSubject(RoutingContext ctx) {
    if (!ctx.request().isSSL()) {
      return null;
    }
    try {
      List<Certificate> chain = ctx.request().connection().peerCertificates();
      if (chain != null && !chain.isEmpty() && chain.get(0) instanceof X509Certificate x509) {
        return x509.getSubjectX500Principal().getName();
      }
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
    return null;
  }

  private static boolean matchesAny(List<Pattern> patterns, String value) {
    for (Pattern p : patterns) {
      if (p.matcher(value).matches()) {
        return true;
      }
    }
    return false;
  }

  private static String printable(String s) {
    String cut = s.length() > 64 ? s.substring(0, 64) : s;
    return cut.replaceAll("[^\\x20-\\x7E]", "?");
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** For {@code Map.of} users in tests and the hash-password command: a bcrypt hash of cost 10. */
  public static String hash(char[] password) {
    byte[] salt = new byte[16];
    new java.security.SecureRandom().nextBytes(salt);
    return OpenBSDBCrypt.generate("2b", password, salt, 10);
  }

}
