package io.vescollector.publish;

import java.time.Instant;

/**
 * One request the listener refused for its content, as the rejected-events topic and the refusal log
 * see it. Kept apart from the answer so that reporting a refusal can never change what the client got.
 *
 * @param requestId the X-Request-Id of the answer, or null when the answer had none (a body refused
 *     by its size before the endpoint ran)
 * @param status the HTTP status answered
 * @param messageId the VES messageId of the error body (SVC0002, POL2000, ...)
 * @param reason the error's text and first variables on one bounded line
 * @param sourceAddress the client's address
 * @param principal the authenticated user or certificate subject, or null
 * @param body the request body as received; only its first part when {@code truncated}
 * @param truncated true when the body was not read whole (413)
 */
public record Refusal(String requestId, int status, String messageId, String reason, String sourceAddress,
                      String principal, byte[] body, boolean truncated, Instant at) {

  public Refusal {
    body = body == null ? new byte[0] : body;
  }
}
