package io.vescollector.security;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * TLS and authentication settings ({@code tls.*}, {@code auth.*}), checked as they are read so that a
 * collector never runs with weaker protection than configured.
 */
public record SecurityConfig(Path certFile, Path keyFile, Path keyStoreFile, String keyStorePassword, Path trustFile,
                             long reloadIntervalMs, TlsEngine engine, AuthMethod method, List<Pattern> subjectPatterns,
                             Map<String, String> users, Map<String, List<Pattern>> sources,
                             BasicAuthLimits basicLimits) {
  public boolean tls() {
    return certFile != null || keyStoreFile != null;
  }

  /** The files to watch for renewal. */
  public List<Path> watchedFiles() {
    return Arrays.asList(certFile, keyFile, keyStoreFile, trustFile).stream().filter(p -> p != null).toList();
  }

  /** Never prints the key store password. */
  @Override
  public String toString() {
    return "SecurityConfig[tls=" + tls() + ", engine=" + engine.key() + ", method=" + method + ", users=" + users.keySet() + "]";
  }
}
