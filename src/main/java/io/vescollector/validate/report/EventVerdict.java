package io.vescollector.validate.report;

import io.vescollector.validate.Rejection;
import io.vescollector.validate.Violation;
import java.util.List;

/**
 * The verdict on one event of an input (or on the whole document when it cannot be read as VES):
 * {@code source} is the file, {@code file#index} for a batch element, {@code file:line} for NDJSON.
 * {@code version} is null when no schema was chosen (the document is not a VES request); {@code stage}
 * is the check that refused the request, null when it passed or was not read.
 */
public record EventVerdict(String source, VersionChoice version, Rejection.Stage stage, List<Violation> violations,
                           List<Location> locations) {

  /** Line and column (1-based) of a violation in its file; 0 when unknown. */
  public record Location(long line, long column) {
    public static final Location UNKNOWN = new Location(0, 0);
  }

  public EventVerdict {
    violations = List.copyOf(violations);
    locations = List.copyOf(locations);
  }

  public boolean valid() {
    return violations.isEmpty();
  }
}
