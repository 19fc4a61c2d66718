package io.vescollector.receive;

import io.vescollector.validate.VesVersion;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * The listener API versions this collector serves ({@code /eventListener/vN}), the version headers the
 * VES specification asks for on every response, and the check of a request's {@code X-MinorVersion}: a
 * client may ask for any minor version up to the one this collector implements (7.1 clients talk to a
 * 7.2 listener), not above. The headers are encoded once: written per answer, they are on the hot path.
 */
public enum ListenerVersion {
  V1(1, 0, 0), V2(2, 0, 0), V3(3, 0, 1), V4(4, 7, 2), V5(5, 4, 1), V7(7, 2, 1);

  public static final ListenerVersion LATEST = V7;
  private static final CharSequence MINOR_HEADER = HttpHeaders.createOptimized("X-MinorVersion");
  private static final CharSequence PATCH_HEADER = HttpHeaders.createOptimized("X-PatchVersion");
  private static final CharSequence LATEST_HEADER = HttpHeaders.createOptimized("X-LatestVersion");

  private final int minor;
  private final String api;
  private final String text;
  private final VesVersion schema;
  private final CharSequence minorValue;
  private final CharSequence patchValue;
  private final CharSequence textValue;

  ListenerVersion(int major, int minor, int patch) {
    this.minor = minor;
    this.api = "v" + major;
    this.text = major + "." + minor + "." + patch;
    this.schema = VesVersion.forApiVersion(api).orElseThrow();
    this.minorValue = HttpHeaders.createOptimized(Integer.toString(minor));
    this.patchValue = HttpHeaders.createOptimized(Integer.toString(patch));
    this.textValue = HttpHeaders.createOptimized(text);
  }

  /** The path segment, e.g. {@code v7}. */
  public String api() {
    return api;
  }

  /** The schema generation this listener's events are validated against. */
  public VesVersion schema() {
    return schema;
  }

  public int minor() {
    return minor;
  }

  public void writeHeaders(HttpServerResponse response) {
    response.putHeader(MINOR_HEADER, minorValue)
        .putHeader(PATCH_HEADER, patchValue)
        .putHeader(LATEST_HEADER, LATEST.textValue);
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

  /** major.minor.patch, e.g. 7.2.1. */
  @Override
  public String toString() {
    return text;
  }
}
