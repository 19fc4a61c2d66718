package io.vescollector.answer;

/**
 * The exceptions catalogue of the VES Event Listener 7.2 specification, with the HTTP status this
 * collector answers for each. Keeping the ids in one place lets operators' tooling that matches on
 * ONAP's messageIds keep working.
 */
public enum VesError {
  /** General service error; used for batch rules (mixed domains or namespaces). */
  SVC0001(Kind.SERVICE, "General service error (see text)", 400),
  /** Malformed JSON, missing event/eventList, or a schema violation. */
  SVC0002(Kind.SERVICE, "Invalid input value for message part %1", 400),
  /** No resources to take the request now: Kafka unavailable, slow, or work in flight at its bound. */
  SVC1000(Kind.SERVICE, "No server resources available to process the request", 503),
  SVC2000(Kind.SERVICE, "The following service error occurred: %1. Error code is %2.", 400),
  SVC2004(Kind.SERVICE, "Invalid input value for %1 %2: %3", 400),
  SVC2006(Kind.SERVICE, "Mandatory input %1 %2 is missing from request", 400),
  /** General policy error; answered 429 to a client address with too many failed authentications. */
  POL0001(Kind.POLICY, "Policy error", 401),
  POL2000(Kind.POLICY, "Unauthorized user", 401),
  POL9003(Kind.POLICY, "Message content size exceeds the allowable limit", 413);

  /** Which member of requestError carries the exception. */
  public enum Kind { SERVICE, POLICY }

  private final Kind kind;
  private final String text;
  private final int status;

  VesError(Kind kind, String text, int status) {
    this.kind = kind;
    this.text = text;
    this.status = status;
  }

  public Kind kind() {
    return kind;
  }

  public String text() {
    return text;
  }

  public int defaultStatus() {
    return status;
  }
}
