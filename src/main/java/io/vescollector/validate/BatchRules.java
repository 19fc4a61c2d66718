package io.vescollector.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.vescollector.answer.VesError;
import io.vescollector.answer.VesException;
import io.vescollector.answer.VesProblem;
import io.vescollector.parse.ParsedRequest;
import java.util.List;
import java.util.Optional;

/**
 * The VES rules a schema cannot express: a batch carries one domain (and, for stndDefined, one
 * namespace), and a stndDefined event names its namespace. Messages and ids follow ONAP's collector
 * so that clients matching on them keep working.
 */
public final class BatchRules {
  static final String NAMESPACE_ATTRIBUTE = "event.commonEventHeader.stndDefinedNamespace";

  /** Throws the first broken rule; the events have passed schema validation. */
  public void check(ParsedRequest request) {
    firstBroken(request).ifPresent(r -> {
      throw new VesException(r.problem());
    });
  }

  /** The first broken rule, if any; the events have passed schema validation. */
  public Optional<Rejection> firstBroken(ParsedRequest request) {
    try {
      checkAll(request);
      return Optional.empty();
    } catch (RuleBroken e) {
      return Optional.of(new Rejection(Rejection.Stage.BATCH_RULES, e.problem, List.of(e.violation)));
    }
  }

  private void checkAll(ParsedRequest request) {
    JsonNode firstHeader = null;
    for (int i = 0; i < request.events().size(); i++) {
      JsonNode header = request.events().get(i).path("commonEventHeader");
      checkNamespacePresent(header, request.pointerOf(i));
      if (firstHeader == null) {
        firstHeader = header;
        continue;
      }
      String domain = header.path("domain").asText();
      if (!domain.equals(firstHeader.path("domain").asText())) {
        String detail = "'" + domain + "' differs from " + request.pointerOf(0) + "/commonEventHeader/domain '"
            + firstHeader.path("domain").asText() + "': a batch carries one domain";
        throw new RuleBroken(VesProblem.withText(VesError.SVC0001,
            "Different value of domain fields in Batch Event",
            request.pointerOf(i) + "/commonEventHeader/domain is '" + domain + "' but "
                + request.pointerOf(0) + "/commonEventHeader/domain is '" + firstHeader.path("domain").asText() + "'"),
            new Violation(request.pointerOf(i) + "/commonEventHeader/domain", detail));
      }
      if ("stndDefined".equals(domain)) {
        String namespace = header.path("stndDefinedNamespace").asText();
        String firstNamespace = firstHeader.path("stndDefinedNamespace").asText();
        if (!namespace.equals(firstNamespace)) {
          throw new RuleBroken(VesProblem.withText(VesError.SVC0001,
              "Value of stndDefinedNamespace fields have to be same when domain is stndDefined",
              request.pointerOf(i) + "/commonEventHeader/stndDefinedNamespace is '" + namespace + "' but "
                  + request.pointerOf(0) + "/commonEventHeader/stndDefinedNamespace is '" + firstNamespace + "'"),
              new Violation(request.pointerOf(i) + "/commonEventHeader/stndDefinedNamespace", "'" + namespace
                  + "' differs from " + request.pointerOf(0) + "/commonEventHeader/stndDefinedNamespace '"
                  + firstNamespace + "': a stndDefined batch carries one namespace"));
        }
      }
    }
  }

  private static void checkNamespacePresent(JsonNode header, String pointer) {
    if (!"stndDefined".equals(header.path("domain").asText())) {
      return;
    }
    JsonNode namespace = header.get("stndDefinedNamespace");
    if (namespace == null) {
      throw new RuleBroken(VesProblem.of(VesError.SVC2006, "attribute", NAMESPACE_ATTRIBUTE),
          new Violation(pointer + "/commonEventHeader/stndDefinedNamespace",
              "is missing: a stndDefined event must name its namespace"));
    }
    if (namespace.asText().isBlank()) {
      throw new RuleBroken(VesProblem.withText(VesError.SVC2006, "Mandatory input %1 %2 is empty in request",
          "attribute", NAMESPACE_ATTRIBUTE),
          new Violation(pointer + "/commonEventHeader/stndDefinedNamespace",
              "is empty: a stndDefined event must name its namespace"));
    }
  }

  /** Internal signal carrying the broken rule out of the loop. */
  private static final class RuleBroken extends RuntimeException {
    private final transient VesProblem problem;
    private final transient Violation violation;

    RuleBroken(VesProblem problem, Violation violation) {
      super(null, null, false, false);
      this.problem = problem;
      this.violation = violation;
    }
  }
}
