package io.vescollector.answer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders a {@link VesProblem} as the VES {@code requestError} JSON body. */
public final class ErrorBodies {
  private final ObjectMapper mapper;
  private final ErrorBodyStyle style;

  public ErrorBodies(ObjectMapper mapper, ErrorBodyStyle style) {
    this.mapper = mapper;
    this.style = style;
  }

  public byte[] render(VesProblem problem) {
    ObjectNode root = mapper.createObjectNode();
    ObjectNode exception = root.putObject("requestError").putObject(style.keyFor(problem.error().kind()));
    exception.put("messageId", problem.error().name());
    exception.put("text", problem.text());
    ArrayNode variables = exception.putArray("variables");
    problem.variables().forEach(variables::add);
    try {
      return mapper.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render an error body", e);
    }
  }
}
