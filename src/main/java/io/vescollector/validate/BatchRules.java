package io.vescollector.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.vescollector.answer.VesError;
import io.vescollector.answer.VesException;
import io.vescollector.answer.VesProblem;
import io.vescollector.parse.ParsedRequest;

/**
 * The VES rules a schema cannot express: a batch carries one domain (and, for stndDefined, one
 * namespace), and a stndDefined event names its namespace. Messages and ids follow ONAP's collector
 * so that clients matching on them keep working.
 */
public final class BatchRules {
  static final String NAMESPACE_ATTRIBUTE = "event.commonEventHeader.stndDefinedNamespace";

  /** Throws the first broken rule; the events have passed schema validation. */
  public void check(ParsedRequest request) {
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
        throw new VesException(VesProblem.withText(VesError.SVC0001,
            "Different value of domain fields in Batch Event",
            request.pointerOf(i) + "/commonEventHeader/domain is '" + domain + "' but "
                + request.pointerOf(0) + "/commonEventHeader/domain is '" + firstHeader.path("domain").asText() + "'"));
      }
      if ("stndDefined".equals(domain)) {
        String namespace = header.path("stndDefinedNamespace").asText();
        String firstNamespace = firstHeader.path("stndDefinedNamespace").asText();
        if (!namespace.equals(firstNamespace)) {
          throw new VesException(VesProblem.withText(VesError.SVC0001,
              "Value of stndDefinedNamespace fields have to be same when domain is stndDefined",
              request.pointerOf(i) + "/commonEventHeader/stndDefinedNamespace is '" + namespace + "' but "
                  + request.pointerOf(0) + "/commonEventHeader/stndDefinedNamespace is '" + firstNamespace + "'"));
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
      throw new VesException(VesProblem.of(VesError.SVC2006, "attribute", NAMESPACE_ATTRIBUTE));
    }
    if (namespace.asText().isBlank()) {
      throw new VesException(VesProblem.withText(VesError.SVC2006, "Mandatory input %1 %2 is empty in request",
          "attribute", NAMESPACE_ATTRIBUTE));
    }
  }
}
