package io.vescollector.streaming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vescollector.parse.Utf8Check;
import java.io.IOException;

/**
 * A JSON request body of the streaming APIs, read strictly: bytes that are not well-formed UTF-8 are
 * refused with their offset before Jackson (which decodes overlong forms) sees them.
 *
 * @param tree the document, or null when there is none
 * @param problem why there is no document (empty, not UTF-8, not JSON), or null
 */
public record JsonBody(JsonNode tree, String problem) {

  public static JsonBody read(ObjectMapper mapper, Buffer body) {
    if (body == null || body.length() == 0) {
      return new JsonBody(null, "the body is empty");
    }
    byte[] bytes = body.getBytes();
    int malformed = Utf8Check.firstMalformedByte(bytes);
    if (malformed >= 0) {
      return new JsonBody(null, "the body is not well-formed UTF-8 at " + Utf8Check.describe(bytes, malformed));
    }
    try {
      return new JsonBody(mapper.readTree(bytes), null);
    } catch (JsonProcessingException e) {
      return new JsonBody(null, "the body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return new JsonBody(null, "the body cannot be read: " + e.getMessage());
    }
  }

  /** {@code expected}, preceded by what was wrong when it is known. */
  public String refusal(String expected) {
    return problem == null ? expected : problem + "; " + expected;
  }
}
