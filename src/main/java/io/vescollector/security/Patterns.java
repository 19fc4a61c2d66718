package io.vescollector.security;

import java.util.List;
import java.util.regex.Pattern;

/** The configured patterns (certificate subjects, sourceNames) match a whole value, and any one of them will do. */
final class Patterns {
  private Patterns() {}

  static boolean anyMatches(List<Pattern> patterns, String value) {
    for (Pattern p : patterns) {
      if (p.matcher(value).matches()) {
        return true;
      }
    }
    return false;
  }
}
