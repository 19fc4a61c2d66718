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

  /**
   * The text with its {@code %n} placeholders filled, then the variables no placeholder took (a schema
   * refusal's further violations), "; "-separated, at most {@code maxVariables} of them and
   * {@code maxChars} in all: one line an operator can read without the error body.
   */
  public String summary(int maxVariables, int maxChars) {
    StringBuilder out = new StringBuilder(text);
    boolean[] used = new boolean[variables.size()];
    for (int i = variables.size(); i >= 1; i--) { // %10 before %1
      String placeholder = "%" + i;
      int at = out.indexOf(placeholder);
      if (at >= 0 && i <= maxVariables) {
        out.replace(at, at + placeholder.length(), variables.get(i - 1));
        used[i - 1] = true;
      }
    }
    int shown = 0;
    for (int i = 0; i < used.length; i++) {
      if (used[i]) {
        shown++;
      }
    }
    for (int i = 0; i < used.length && shown < maxVariables; i++) {
      if (!used[i]) {
        out.append("; ").append(variables.get(i));
        used[i] = true;
        shown++;
      }
    }
    int left = variables.size() - shown;
    if (left > 0) {
      out.append("; ... ").append(left).append(" more");
    }
    return out.length() <= maxChars ? out.toString() : out.substring(0, Math.max(0, maxChars - 3)) + "...";
  }
}
