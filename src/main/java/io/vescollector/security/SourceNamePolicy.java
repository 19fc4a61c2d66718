package io.vescollector.security;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which sourceNames a principal may send events for ({@code auth.sources.<principal>}), so that one
 * network function's credentials cannot be used to speak for another. A principal without rules, and a
 * request without a principal (authentication off), may send any sourceName.
 */
public final class SourceNamePolicy {
  private final Map<String, List<Pattern>> sources;

  /** @param sources per principal, the patterns one of which each sourceName it sends must match */
  public SourceNamePolicy(Map<String, List<Pattern>> sources) {
    this.sources = sources;
  }

  /**
   * The first sourceName among {@code events} that {@code principal} may not send, or null when it may
   * send them all. Read with {@code sourceName}, so that the request's events need not be copied.
   */
  public <T> String forbiddenSourceName(String principal, List<T> events, Function<T, String> sourceName) {
    List<Pattern> allowed = principal == null ? null : sources.get(principal);
    if (allowed == null) {
      return null;
    }
    for (int i = 0; i < events.size(); i++) {
      String source = sourceName.apply(events.get(i));
      if (!Patterns.anyMatches(allowed, source)) {
        return source;
      }
    }
    return null;
  }
}
