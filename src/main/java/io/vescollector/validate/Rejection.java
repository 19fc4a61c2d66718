package io.vescollector.validate;

import io.vescollector.answer.VesProblem;
import java.util.List;

/**
 * Why a request is refused: the VES error the collector answers with, and the same reasons as
 * pointers into the request body, which the {@code validate} command prints.
 */
public record Rejection(Stage stage, VesProblem problem, List<Violation> violations) {

  /** The check that refused the request, in the order the collector runs them. */
  public enum Stage { SCHEMA, BATCH_RULES, STND_DEFINED }

  public Rejection {
    violations = List.copyOf(violations);
  }
}
