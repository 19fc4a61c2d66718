package io.vescollector.streaming.target;

import io.vescollector.security.Authenticator;
import io.vescollector.streaming.StreamingConfig;
import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.Optional;

/**
 * Who may see and change a streaming connection, and how many there may be. A connection belongs to
 * the principal that established it; the configured admin principal sees every one. Without
 * authentication there are no principals, and every client sees every connection. Connections live in
 * every collector's memory (and in the connections topic), so their number is bounded for the fleet
 * and for each principal, and so is the number of streams of one connection. The counts are those this
 * collector knows: writes racing through other collectors can pass a bound by what they have in flight.
 */
final class ConnectionAccess {
  private final StreamingConfig.Quotas quotas;

  ConnectionAccess(StreamingConfig.Quotas quotas) {
    this.quotas = quotas;
  }

  /** The authenticated principal of the request, or null when the listener does not authenticate. */
  static String principal(RoutingContext ctx) {
    return ctx.get(Authenticator.PRINCIPAL_KEY);
  }

  boolean mayUse(ConnectionInfo connection, String principal) {
    return principal == null || principal.equals(quotas.adminPrincipal()) || principal.equals(connection.owner());
  }

  /** Why {@code principal} may not establish one more connection now: status and reason; empty if it may. */
  Optional<Refusal> refuseNewConnection(Collection<ConnectionInfo> all, String principal) {
    if (all.size() >= quotas.maxConnections()) {
      return Optional.of(new Refusal(503, "the collectors hold " + all.size() + " streaming connections, the most "
          + "they keep (streaming.maxConnections); terminate one, or retry later"));
    }
    if (principal != null && !principal.equals(quotas.adminPrincipal())) {
      long own = all.stream().filter(c -> principal.equals(c.owner())).count();
      if (own >= quotas.maxConnectionsPerPrincipal()) {
        return Optional.of(new Refusal(403, "'" + principal + "' holds " + own + " streaming connections, the most "
            + "one principal may (streaming.maxConnectionsPerPrincipal); terminate one first"));
      }
    }
    return Optional.empty();
  }

  /** How many more streams a connection that has {@code existing} may take. */
  int streamsLeft(int existing) {
    return Math.max(0, quotas.maxStreamsPerConnection() - existing);
  }

  int maxStreamsPerConnection() {
    return quotas.maxStreamsPerConnection();
  }

  /** An HTTP status and the reason to give with it. */
  record Refusal(int status, String reason) {}
}
