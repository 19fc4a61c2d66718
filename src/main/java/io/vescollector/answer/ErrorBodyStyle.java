package io.vescollector.answer;

/**
 * How the requestError body is spelled. The VES specification writes {@code serviceException};
 * ONAP's collector writes {@code ServiceException}, and some of its clients read that key only.
 */
public enum ErrorBodyStyle {
  SPEC("serviceException", "policyException"),
  ONAP("ServiceException", "PolicyException");

  private final String serviceKey;
  private final String policyKey;

  ErrorBodyStyle(String serviceKey, String policyKey) {
    this.serviceKey = serviceKey;
    this.policyKey = policyKey;
  }

  public String keyFor(VesError.Kind kind) {
    return kind == VesError.Kind.SERVICE ? serviceKey : policyKey;
  }
}
