package io.vescollector.security;

import io.vertx.core.Future;

/**
 * A listener whose certificate can be replaced while it runs: the VES listener's HTTP servers and the
 * HV-VES TCP servers. Each builds its own SSL options from the renewed files, since they differ in
 * whether a client certificate is required.
 */
@FunctionalInterface
public interface TlsReloadable {
  /** Hands the listener SSL options built from {@code security}'s files; fails when they cannot be used. */
  Future<Boolean> reload(SecurityConfig security);
}
