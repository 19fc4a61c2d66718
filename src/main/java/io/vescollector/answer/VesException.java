package io.vescollector.answer;

/** Carries a {@link VesProblem} out of a pipeline stage; no stack trace, it is an expected outcome. */
public final class VesException extends RuntimeException {
  private final transient VesProblem problem;

  public VesException(VesProblem problem) {
    super(problem.error() + " " + problem.variables(), null, false, false);
    this.problem = problem;
  }

  public VesProblem problem() {
    return problem;
  }
}
