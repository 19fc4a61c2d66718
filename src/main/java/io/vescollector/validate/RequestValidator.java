package io.vescollector.validate;

import io.vescollector.answer.VesError;
import io.vescollector.answer.VesException;
import io.vescollector.answer.VesProblem;
import io.vescollector.parse.ParsedRequest;
import java.util.ArrayList;
import io.vescollector.validate.stnddefined.StndDefinedValidator;
import java.util.List;
import java.util.Optional;

/**
 * Validates a whole request before anything is published: every event against the schema, then the
 * batch rules, then stndDefined payloads against their 3GPP schemas. One bad event rejects the batch, and the answer lists every violation found (up to a
 * bound) with its JSON pointer, so a sender can fix all of them in one round.
 */
public final class RequestValidator {
  /** Violations listed in one error body, at most; the count of the rest is reported. */
  public static final int MAX_REPORTED = 50;

  private final EventValidator eventValidator;
  private final BatchRules batchRules = new BatchRules();
  private final StndDefinedValidator stndDefined;

  /** Without stndDefined payload checks. */
  public RequestValidator(EventValidator eventValidator) {
    this(eventValidator, StndDefinedValidator.disabled());
  }

  public RequestValidator(EventValidator eventValidator, StndDefinedValidator stndDefined) {
    this.eventValidator = eventValidator;
    this.stndDefined = stndDefined;
  }

  /** Throws the collector's answer when the request is refused. */
  public void validate(VesVersion version, ParsedRequest request) {
    Optional<Rejection> rejection = check(version, request);
    if (rejection.isPresent()) {
      throw new VesException(rejection.get().problem());
    }
  }

  /**
   * The collector's verdict on a parsed request: the VES schema, then the batch rules, then the
   * stndDefined payloads; the first check that fails decides. The {@code validate} command uses it too.
   */
  public Optional<Rejection> check(VesVersion version, ParsedRequest request) {
    List<Violation> violations = new ArrayList<>();
    for (int i = 0; i < request.events().size(); i++) {
      violations.addAll(eventValidator.validate(version, request.events().get(i), request.pointerOf(i)));
    }
    if (!violations.isEmpty()) {
      return Optional.of(new Rejection(Rejection.Stage.SCHEMA, schemaProblem(version, violations), violations));
    }
    Optional<Rejection> broken = batchRules.firstBroken(request);
    return broken.isPresent() ? broken : stndDefined.check(request);
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
