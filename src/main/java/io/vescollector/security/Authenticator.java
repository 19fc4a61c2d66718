package io.vescollector.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.vescollector.answer.Disconnect;
import io.vescollector.answer.Responder;
import io.vescollector.answer.VesError;
import io.vescollector.answer.VesProblem;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who sent a request, before its body is read: a client certificate the TLS handshake
 * verified against the trust store, whose subject DN matches an allowed pattern, and/or HTTP Basic
 * against bcrypt hashes. The principal is left in the routing context ({@link #PRINCIPAL_KEY}) for the
 * endpoints; the VES endpoint holds it to its {@link SourceNamePolicy}. One instance serves every event loop.
 *
 * <p>Basic is built so that guessing is slow and tells nothing: a name without a user is checked
 * against a stand-in hash of the users' highest cost, on the same path as a wrong password; bcrypt runs
 * on a {@link BcryptPool} (503 when its queue is full); a client address past its failures in the
 * window gets 429 with Retry-After and no check; failure answers for a user name that keeps failing are
 * held back by a timer. A right password is never held back, and is refused only when its own address
 * is over the limit. A verified user/password pair is remembered as a digest (never the password), so a
 * sender's following requests cost a lookup.
 */
public final class Authenticator implements Handler<RoutingContext>, AutoCloseable {
  /** Routing-context key of the authenticated principal (user name or certificate subject), if any. */
  public static final String PRINCIPAL_KEY = "ves.principal";
  private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
  /** Client addresses whose failures are counted at once, at most; each costs about 180 bytes of heap. */
  static final long MAX_TRACKED_ADDRESSES = 100_000;
  /** User names (existing or not, kept as digests) counted at once, at most; about 230 bytes each. */
  static final long MAX_TRACKED_NAMES = 100_000;
  private static final long MAX_REMEMBERED = 10_000;
  private static final Duration REMEMBER_FOR = Duration.ofHours(1);
  /** A refused request's body up to this size is read and dropped so that its connection can be kept. */
  static final long DRAINED_BODY_BYTES = 64 * 1024;

  private final SecurityConfig security;
  private final Responder responder;
  private final AuthenticationListener listener;
  private final BasicAuthLimits limits;
  private final String standIn;
  private final BcryptPool pool;
  private final FailureCounter addressFailures;
  private final FailureCounter nameFailures;
  private final Cache<String, Boolean> verified;

  public Authenticator(SecurityConfig security, Responder responder, AuthenticationListener listener) {
    this.security = security;
    this.responder = responder;
    this.listener = listener;
    this.limits = security.basicLimits();
    this.standIn = BcryptHashes.standIn(BcryptHashes.highestCost(security.users()));
    this.pool = security.method().usesBasic()
        ? new BcryptPool(limits.bcryptThreads(), limits.bcryptQueue(), listener::bcryptCheck) : null;
    this.addressFailures = new FailureCounter(limits.failureWindow(), MAX_TRACKED_ADDRESSES, Ticker.systemTicker());
    this.nameFailures = new FailureCounter(limits.failureWindow(), MAX_TRACKED_NAMES, Ticker.systemTicker());
    this.verified = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED).expireAfterAccess(REMEMBER_FOR).build();
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (security.method().usesCertificates()) {
      String subject = clientSubject(ctx);
      if (subject != null && Patterns.anyMatches(security.subjectPatterns(), subject)) {
        accept(ctx, subject, AuthOutcome.ACCEPTED_CERTIFICATE);
        return;
      }
      if (security.method() == AuthMethod.CERT) {
        refuse(ctx, AuthOutcome.REFUSED_CERTIFICATE,
            subject == null ? "no client certificate" : "certificate subject '" + subject + "' is not allowed");
        return;
      }
    }
    basic(ctx);
  }

  private void basic(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String address = clientAddress(request);
    int limit = limits.maxFailuresPerAddress();
    if (limit > 0) {
      Duration blocked = addressFailures.blockedFor(address, limit);
      if (!blocked.isZero()) {
        throttle(ctx, blocked);
        return;
      }
    }
    String header = request.getHeader("Authorization");
    if (!BasicCredentials.isBasic(header)) {
      refuse(ctx, AuthOutcome.REFUSED_NO_CREDENTIALS, "no credentials");
      return;
    }
    BasicCredentials credentials = BasicCredentials.parse(header);
    if (credentials == null) {
      addressFailed(address);
      refuse(ctx, AuthOutcome.REFUSED_MALFORMED, "malformed Basic credentials");
      return;
    }
    String user = credentials.user();
    String password = credentials.password();
    if (BcryptHashes.tooLong(password)) {
      // bcrypt would compare the first 72 bytes only: no check, the same failure whoever the name is.
      addressFailed(address);
      nameFailed(ctx, user, AuthOutcome.REFUSED_PASSWORD_TOO_LONG,
          "password longer than " + BcryptHashes.MAX_PASSWORD_BYTES + " bytes for '" + printable(user) + "'");
      return;
    }
    String userHash = security.users().get(user);
    boolean known = userHash != null;
    String hash = known ? userHash : standIn;
    String remembered = user + '\u0000' + sha256(hash + '\u0000' + password);
    if (verified.getIfPresent(remembered) != null && known) {
      accept(ctx, user, AuthOutcome.ACCEPTED_REMEMBERED);
      return;
    }
    // Counted before the check, so that requests checked side by side cannot all slip below the limit;
    // taken back when the password is right or the check never runs.
    if (limit > 0 && !addressFailures.addBelow(address, limit)) {
      throttle(ctx, addressFailures.blockedFor(address, limit));
      return;
    }
    request.pause(); // the body waits while bcrypt runs; BoundedBody resumes it
    BcryptPool.Check check = pool.check(remembered, () -> {
      boolean right = OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
      if (right && known) {
        verified.put(remembered, Boolean.TRUE); // before the check ends, so that no request finds neither
      }
      return right;
    });
    if (!check.started() && limit > 0) {
      addressFailures.forgive(address); // the same guess is being checked: it counts once
    }
    Future.fromCompletionStage(check.result(), ctx.vertx().getOrCreateContext())
        .onComplete(result -> checked(ctx, address, user, known, check.started(), result));
  }

  private void checked(RoutingContext ctx, String address, String user, boolean known, boolean counted,
                       AsyncResult<Boolean> result) {
    boolean charged = counted && limits.maxFailuresPerAddress() > 0;
    if (result.failed()) {
      if (charged) {
        addressFailures.forgive(address);
      }
      if (result.cause() instanceof RejectedExecutionException) {
        busy(ctx);
      } else {
        LOG.warn("Checking the password of '{}' failed: {}", printable(user), result.cause().toString());
        nameFailed(ctx, user, AuthOutcome.REFUSED_WRONG_CREDENTIALS, "the password check failed");
      }
      return;
    }
    if (result.result() && known) {
      if (charged) {
        addressFailures.forgive(address);
      }
      accept(ctx, user, AuthOutcome.ACCEPTED_PASSWORD);
      return;
    }
    if (charged) {
      reportLimitReached(address);
    }
    nameFailed(ctx, user, AuthOutcome.REFUSED_WRONG_CREDENTIALS,
        (known ? "wrong password for user '" : "unknown user '") + printable(user) + "'");
  }

  /** A failure that is known at once (nothing was counted in advance). */
  private void addressFailed(String address) {
    if (limits.maxFailuresPerAddress() > 0) {
      addressFailures.add(address);
      reportLimitReached(address);
    }
  }

  private void reportLimitReached(String address) {
    int limit = limits.maxFailuresPerAddress();
    if (addressFailures.failures(address) == limit) {
      LOG.warn("Client address {} has failed Basic authentication {} times within {} s: answered 429 until the "
          + "window ends", address, limit, limits.failureWindow().toSeconds());
    }
  }

  /** Answers a failure for a user name, held back while that name (existing or not) keeps failing. */
  private void nameFailed(RoutingContext ctx, String user, AuthOutcome outcome, String why) {
    long delay = limits.failureDelayMs(nameFailures.add(sha256(user)));
    if (delay == 0) {
      refuse(ctx, outcome, why);
      return;
    }
    listener.failureDelay(delay);
    ctx.vertx().setTimer(delay, id -> refuse(ctx, outcome, why));
  }

  private void accept(RoutingContext ctx, String principal, AuthOutcome outcome) {
    listener.outcome(outcome);
    ctx.put(PRINCIPAL_KEY, principal);
    ctx.next();
  }

  private void refuse(RoutingContext ctx, AuthOutcome outcome, String why) {
    listener.outcome(outcome);
    LOG.info("Authentication failed from {} for {} {}: {}", ctx.request().remoteAddress(), ctx.request().method(),
        ctx.request().path(), why);
    Disconnect.prepare(ctx.request()); // the body stays unread
    responder.problem(ctx.response(), VesProblem.withText(VesError.POL2000, "Unauthorized user: %1",
        security.method() == AuthMethod.CERT
            ? "a trusted client certificate with an allowed subject is required"
            : "valid credentials are required"));
    Disconnect.closeSoon(ctx.vertx(), ctx.request());
  }

  /** 429 for an address past its failures: no check, no log line each. */
  private void throttle(RoutingContext ctx, Duration blocked) {
    listener.outcome(AuthOutcome.THROTTLED);
    long seconds = Math.max(1, (blocked.toMillis() + 999) / 1000);
    answerCheaply(ctx, VesProblem.withText(VesError.POL0001,
        "Policy error: too many failed authentications from this address; retry after %1 seconds",
        Long.toString(seconds)).withStatus(429), seconds);
  }

  /** 503 when the bcrypt pool's queue is full: no check ran, so nothing is counted against anyone. */
  private void busy(RoutingContext ctx) {
    listener.outcome(AuthOutcome.BUSY);
    LOG.debug("bcrypt queue full: {} answered 503", ctx.request().remoteAddress());
    answerCheaply(ctx, VesProblem.of(VesError.SVC1000), -1);
  }

  /**
   * Answers without a check and keeps the connection when the request has no body or a small declared
   * one (Vert.x reads and drops it): a flood of such requests then costs the collector no TLS handshake
   * each. Larger or chunked bodies are not read; their connection is closed.
   */
  private void answerCheaply(RoutingContext ctx, VesProblem problem, long retryAfterSeconds) {
    HttpServerRequest request = ctx.request();
    boolean keep = smallBody(request);
    if (!keep) {
      Disconnect.prepare(request);
    }
    if (retryAfterSeconds >= 0) {
      responder.problem(ctx.response(), problem, retryAfterSeconds);
    } else {
      responder.problem(ctx.response(), problem);
    }
    if (!keep) {
      Disconnect.closeSoon(ctx.vertx(), request);
    } else {
      request.resume(); // paused if a check was waited for: Vert.x reads past the body to the next request
    }
  }

  /** Stops the bcrypt pool's threads. */
  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
  }

  /** Checks waiting for a bcrypt thread, for the metrics. */
  public int queuedChecks() {
    return pool == null ? 0 : pool.queued();
  }

  /** No body, or a declared one of at most {@link #DRAINED_BODY_BYTES}. */
  private static boolean smallBody(HttpServerRequest request) {
    if (request.getHeader("Transfer-Encoding") != null) {
      return false;
    }
    String length = request.getHeader("Content-Length");
    if (length == null) {
      return true;
    }
    try {
      return Long.parseLong(length.trim()) <= DRAINED_BODY_BYTES;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String clientAddress(HttpServerRequest request) {
    SocketAddress remote = request.remoteAddress();
    String host = remote == null ? null : remote.hostAddress();
    return host == null ? "unknown" : host;
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
}
