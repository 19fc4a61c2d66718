package io.vescollector.security;

import io.vescollector.config.ConfigException;
import io.vescollector.config.ConfigKeys;
import io.vescollector.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS and authentication settings, checked at start-up so that a collector never runs with weaker
 * protection than configured: authentication without TLS, Basic without users or client certificates
 * without a trust store are errors, not warnings. Questionable bcrypt hashes (cheap, very costly, of
 * different costs) are logged as warnings.
 */
public record SecurityConfig(Path certFile, Path keyFile, Path keyStoreFile, String keyStorePassword, Path trustFile,
                             long reloadIntervalMs, AuthMethod method, List<Pattern> subjectPatterns,
                             Map<String, String> users, Map<String, List<Pattern>> sources,
                             BasicAuthLimits basicLimits) {
  private static final Logger LOG = LoggerFactory.getLogger(SecurityConfig.class);

  public boolean tls() {
    return certFile != null || keyStoreFile != null;
  }

  /** The files to watch for renewal. */
  public List<Path> watchedFiles() {
    return Arrays.asList(certFile, keyFile, keyStoreFile, trustFile).stream().filter(p -> p != null).toList();
  }

  public static SecurityConfig from(Settings s) {
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
    AuthMethod method = s.choice(ConfigKeys.AUTH_METHOD, AuthMethod.class);
    Map<String, String> users = s.map(ConfigKeys.AUTH_USERS);
    users.forEach((user, hash) -> {
      if (!BcryptHashes.isHash(hash)) {
        throw new ConfigException(ConfigKeys.AUTH_USERS + "." + user
            + ": not a bcrypt hash (print one with: ./ves hash-password)");
      }
    });
    BcryptHashes.check(ConfigKeys.AUTH_USERS, users).forEach(LOG::warn);
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
    return new SecurityConfig(cert, key, store, s.string(ConfigKeys.TLS_KEY_STORE_PASSWORD), trust, reload, method,
        patterns(ConfigKeys.AUTH_CERT_SUBJECT_PATTERN.name(), s.string(ConfigKeys.AUTH_CERT_SUBJECT_PATTERN)),
        Map.copyOf(users), Map.copyOf(sources), BasicAuthLimits.from(s));
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

  /** Never prints the key store password. */
  @Override
  public String toString() {
    return "SecurityConfig[tls=" + tls() + ", method=" + method + ", users=" + users.keySet() + "]";
  }
}
