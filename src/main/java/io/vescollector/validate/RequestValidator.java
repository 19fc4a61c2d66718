package io.vescollector.validate;

import io.vescollector.answer.VesError;
import io.vescollector.answer.VesException;
import io.vescollector.answer.VesProblem;
import io.vescollector.parse.ParsedRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a whole request before anything is published: every event against the schema, then the
 * batch rules. One bad event rejects the batch, and the answer lists every violation found (up to a
 * bound) with its JSON pointer, so a sender can fix all of them in one round.
 */
public final class RequestValidator {
  /** Violations listed in one error body, at most; the count of the rest is reported. */
  public static final int MAX_REPORTED = 50;

  private final EventValidator eventValidator;
  private final BatchRules batchRules = new BatchRules();

  public RequestValidator(EventValidator eventValidator) {
    this.eventValidator = eventValidator;
  }

  public void validate(VesVersion version, ParsedRequest request) {
    List<Violation> violations = new ArrayList<>();
    for (int i = 0; i < request.events().size(); i++) {
      violations.addAll(eventValidator.validate(version, request.events().get(i), request.pointerOf(i)));
    }
    if (!violations.isEmpty()) {
      throw new VesException(schemaProblem(version, violations));
    }
    batchRules.check(request);
  }

  static VesProblem schemaProblem(VesVersion version, List<Violation> violations) {
    List<String> variables = new ArrayList<>();
    for (int i = 0; i < Math.min(violations.size(), MAX_REPORTED); i++) {
      variables.add(violations.get(i).toString());
    }
    if (violations.size() > MAX_REPORTED) {
      variables.add("... and " + (violations.size() - MAX_REPORTED) + " more violations");
    }
    String text = "Bad Parameter (JSON does not conform to the VES " + version.specVersion()
        + " schema): %1";
    return new VesProblem(VesError.SVC0002, 400, text, variables);
  }
}
