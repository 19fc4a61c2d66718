package io.vescollector.receive;

import io.vertx.core.http.HttpServerResponse;

/**
 * The version headers the VES specification asks for on every response, per API major version, and
 * the check of a request's {@code X-MinorVersion}: a client may ask for any minor version up to the
 * one this collector implements (7.1 clients talk to a 7.2 listener), not above.
 */
public record ListenerVersion(int major, int minor, int patch) {
  public static final ListenerVersion LATEST = new ListenerVersion(7, 2, 1);

  public static ListenerVersion forApi(String apiVersion) {
    return switch (apiVersion) {
      case "v7" -> LATEST;
      case "v5" -> new ListenerVersion(5, 4, 1);
      case "v4" -> new ListenerVersion(4, 7, 2);
      case "v3" -> new ListenerVersion(3, 0, 1);
      case "v2" -> new ListenerVersion(2, 0, 0);
      default -> new ListenerVersion(1, 0, 0);
    };
  }

  public void writeHeaders(HttpServerResponse response) {
    response.putHeader("X-MinorVersion", Integer.toString(minor))
        .putHeader("X-PatchVersion", Integer.toString(patch))
        .putHeader("X-LatestVersion", LATEST.toString());
  }

  /** True when a request's X-MinorVersion header (absent is fine) names a minor version we serve. */
  public boolean accepts(String requestedMinor) {
    if (requestedMinor == null) {
      return true;
    }
    try {
      int requested = Integer.parseInt(requestedMinor.trim());
      return requested >= 0 && requested <= minor;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
