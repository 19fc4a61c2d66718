package io.vescollector.answer;

import java.util.List;

/**
 * A request the collector refuses: the VES exception to report, its variables, and the HTTP status.
 * Each stage of the pipeline reports its refusals as one of these, so that the answer stage alone
 * decides how an error looks on the wire.
 */
public record VesProblem(VesError error, int status, String text, List<String> variables) {

  public VesProblem {
    variables = List.copyOf(variables);
  }

  public static VesProblem of(VesError error, String... variables) {
    return new VesProblem(error, error.defaultStatus(), error.text(), List.of(variables));
  }

  /** Same exception with a more specific text than the catalogue's template. */
  public static VesProblem withText(VesError error, String text, String... variables) {
    return new VesProblem(error, error.defaultStatus(), text, List.of(variables));
  }

  public VesProblem withStatus(int newStatus) {
    return new VesProblem(error, newStatus, text, variables);
  }
}
