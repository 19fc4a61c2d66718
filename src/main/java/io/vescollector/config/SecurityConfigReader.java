package io.vescollector.config;

import io.vescollector.security.AuthMethod;
import io.vescollector.security.BasicAuthLimits;
import io.vescollector.security.BcryptHashes;
import io.vescollector.security.SecurityConfig;
import io.vescollector.security.TlsEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code tls.*} and {@code auth.*}, so that a collector never runs with weaker protection than
 * configured: authentication without TLS, Basic without users or client certificates without a trust
 * store are errors, not warnings. Questionable bcrypt hashes (cheap, very costly, of different costs) are
 * logged as warnings.
 */
public final class SecurityConfigReader {
  private static final Logger LOG = LoggerFactory.getLogger(SecurityConfigReader.class);

  private SecurityConfigReader() {}

  public static SecurityConfig read(Settings s) {
    Path cert = path(s.string(ConfigKeys.TLS_CERT_FILE));
    Path key = path(s.string(ConfigKeys.TLS_KEY_FILE));
    Path store = path(s.string(ConfigKeys.TLS_KEY_STORE_FILE));
    Path trust = path(s.string(ConfigKeys.TLS_TRUST_FILE));
    if ((cert == null) != (key == null)) {
      throw new ConfigException(ConfigKeys.TLS_CERT_FILE.name() + " and " + ConfigKeys.TLS_KEY_FILE.name()
          + " go together: set both or neither");
    }
    if (cert != null && store != null) {
      throw new ConfigException("set either " + ConfigKeys.TLS_CERT_FILE.name() + " or "
          + ConfigKeys.TLS_KEY_STORE_FILE.name() + ", not both");
    }
    for (Path p : Arrays.asList(cert, key, store, trust)) {
      if (p != null && !Files.isReadable(p)) {
        throw new ConfigException("TLS file " + p + " does not exist or cannot be read");
      }
    }
    long reload = s.longValue(ConfigKeys.TLS_RELOAD_INTERVAL_MS);
    TlsEngine engine = s.choice(ConfigKeys.TLS_ENGINE, TlsEngine.class);
    if (engine == TlsEngine.OPENSSL && (cert != null || store != null) && !TlsEngine.openSslAvailable()) {
      throw new ConfigException(ConfigKeys.TLS_ENGINE.name() + " openssl: netty-tcnative's OpenSSL does not load on "
          + "this platform (" + TlsEngine.openSslUnavailableBecause() + "); use auto or jdk");
    }
    AuthMethod method = s.choice(ConfigKeys.AUTH_METHOD, AuthMethod.class);
    Map<String, String> users = users(s);
    boolean tls = cert != null || store != null;
    if (method != AuthMethod.NONE && !tls) {
      throw new ConfigException(ConfigKeys.AUTH_METHOD.name() + " " + method.name().toLowerCase()
          + " requires TLS: set " + ConfigKeys.TLS_CERT_FILE.name() + " and " + ConfigKeys.TLS_KEY_FILE.name()
          + " (credentials must not cross the network in clear)");
    }
    if (method.usesBasic() && users.isEmpty()) {
      throw new ConfigException(ConfigKeys.AUTH_METHOD.name() + " " + method.name().toLowerCase()
          + " needs at least one user under " + ConfigKeys.AUTH_USERS);
    }
    if (method.usesCertificates() && trust == null) {
      throw new ConfigException(ConfigKeys.AUTH_METHOD.name() + " " + method.name().toLowerCase()
          + " needs " + ConfigKeys.TLS_TRUST_FILE.name() + " (the CA certificates client certificates chain to)");
    }
    Map<String, List<Pattern>> sources = new LinkedHashMap<>();
    s.map(ConfigKeys.AUTH_SOURCES).forEach((principal, patterns) ->
        sources.put(principal, patterns(ConfigKeys.AUTH_SOURCES + "." + principal, patterns)));
    return new SecurityConfig(cert, key, store, s.string(ConfigKeys.TLS_KEY_STORE_PASSWORD), trust, reload, engine, method,
        patterns(ConfigKeys.AUTH_CERT_SUBJECT_PATTERN.name(), s.string(ConfigKeys.AUTH_CERT_SUBJECT_PATTERN)),
        Map.copyOf(users), Map.copyOf(sources), basicAuthLimits(s));
  }

  /** {@code auth.maxFailuresPerAddress} and the other bounds on what Basic authentication may cost. */
  public static BasicAuthLimits basicAuthLimits(Settings s) {
    int threads = s.intAtLeast(ConfigKeys.AUTH_BCRYPT_THREADS, 0);
    return new BasicAuthLimits(s.intAtLeast(ConfigKeys.AUTH_MAX_FAILURES_PER_ADDRESS, 0),
        Duration.ofSeconds(s.intAtLeast(ConfigKeys.AUTH_FAILURE_WINDOW_SECONDS, 1)),
        threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
        s.intAtLeast(ConfigKeys.AUTH_BCRYPT_QUEUE, 1),
        s.intAtLeast(ConfigKeys.AUTH_MAX_FAILURE_DELAY_MS, 0));
  }

  /** {@code auth.users}: every value a bcrypt hash bcrypt can check; questionable ones are logged. */
  private static Map<String, String> users(Settings s) {
    Map<String, String> users = s.map(ConfigKeys.AUTH_USERS);
    users.forEach((user, hash) -> {
      if (!BcryptHashes.isHash(hash)) {
        throw new ConfigException(ConfigKeys.AUTH_USERS + "." + user
            + ": not a bcrypt hash (print one with: ./ves hash-password)");
      }
    });
    try {
      BcryptHashes.check(ConfigKeys.AUTH_USERS, users).forEach(LOG::warn);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    return users;
  }

  /** One regular expression (alternatives with |); DNs contain commas, so no list separator. */
  private static List<Pattern> patterns(String key, String regex) {
    try {
      return regex.isBlank() ? List.of() : List.of(Pattern.compile(regex.trim()));
    } catch (PatternSyntaxException e) {
      throw new ConfigException(key + ": not a regular expression: " + e.getDescription() + " in '" + e.getPattern() + "'");
    }
  }

  private static Path path(String value) {
    return value == null || value.isBlank() ? null : Path.of(value.trim());
  }
}
