package io.vescollector.validate.stnddefined;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adjusts a 3GPP OpenAPI document once, when it is loaded, so that a JSON Schema validator judges
 * data the way the 3GPP specifications mean it.
 *
 * <p>Every {@code oneOf} becomes {@code anyOf}. 3GPP uses {@code oneOf} for "one of these shapes", but
 * many of its branches overlap (two unconstrained strings for {@code streamId}, objects without
 * required members for {@code additionalInfo} or {@code ReportingCtrl}), so a strict "exactly one"
 * check rejects every valid instance. With {@code anyOf} data that fits at least one shape passes, and
 * data that fits none is still refused. {@code nullable} is left to the OpenAPI 3.0 dialect.
 */
final class OpenApiRewrite {
  private OpenApiRewrite() {}

  /** Rewrites {@code node} in place and returns it. */
  static JsonNode apply(JsonNode node) {
    if (node instanceof ObjectNode object) {
      JsonNode oneOf = object.get("oneOf");
      if (oneOf != null && oneOf.isArray()) {
        object.remove("oneOf");
        JsonNode anyOf = object.get("anyOf");
        if (anyOf == null) {
          object.set("anyOf", oneOf);
        } else {
          // Both present: each must hold, so keep both as anyOfs under allOf.
          ArrayNode allOf = object.has("allOf") && object.get("allOf").isArray()
              ? (ArrayNode) object.get("allOf") : object.putArray("allOf");
          allOf.addObject().set("anyOf", oneOf);
        }
      }
      List<JsonNode> children = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        children.add(e.getValue());
      }
      children.forEach(OpenApiRewrite::apply);
    } else if (node instanceof ArrayNode array) {
      array.forEach(OpenApiRewrite::apply);
    }
    return node;
  }
}
