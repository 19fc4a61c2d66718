package io.vescollector.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The served OpenAPI document as a test oracle: finds the operation and response a real exchange
 * belongs to, checks the response's required headers and validates its headers and body against the
 * document's schemas (networknt, OpenAPI 3.1 dialect), and remembers which operation × status pairs
 * were seen, so that a test can require every documented one to have been exercised.
 */
final class OpenApiContract {
  private static final String IRI = "https://ves-collector.invalid/openapi.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  private final JsonNode document;
  private final SchemaRegistry registry;
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
  private final Set<String> exercised = ConcurrentHashMap.newKeySet();

  OpenApiContract(JsonNode document) {
    this.document = document;
    String text = document.toString();
    this.registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(), b -> b.schemas(Map.of(IRI, text)));
  }

  JsonNode document() {
    return document;
  }

  /** Every documented "METHOD path status". */
  Set<String> documented() {
    Set<String> all = new TreeSet<>();
    document.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
      if (METHODS.contains(op.getKey())) {
        op.getValue().path("responses").fieldNames().forEachRemaining(status ->
            all.add(op.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey() + " " + status));
      }
    }));
    return all;
  }

  Set<String> exercised() {
    return new TreeSet<>(exercised);
  }

  /** Checks a Vert.x WebClient answer to {@code method path}. */
  HttpResponse<Buffer> check(String method, String path, HttpResponse<Buffer> response) {
    Buffer body = response.body();
    check(method, path, response.statusCode(), response::getHeader, body == null ? new byte[0] : body.getBytes());
    return response;
  }

  /** Checks an answer given by its parts; {@code header} looks a header up by name (null: absent). */
  void check(String method, String path, int status, Function<String, String> header, byte[] body) {
    String template = template(path);
    String where = method + " " + path + " (" + template + ") " + status;
    JsonNode operation = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
    assertTrue(operation.isObject(), "undocumented operation: " + where);
    String responsePointer = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + status;
    assertTrue(document.at(responsePointer).isObject(), "undocumented status: " + where + "; body: "
        + new String(body, StandardCharsets.UTF_8));
    String resolved = follow(responsePointer);
    JsonNode response = document.at(resolved);
    assertTrue(response.path("description").isTextual(), "a response needs a description: " + resolved);
    response.path("headers").fields().forEachRemaining(h -> {
      String headerPointer = follow(resolved + "/headers/" + escape(h.getKey()));
      JsonNode spec = document.at(headerPointer);
      String value = header.apply(h.getKey());
      if (spec.path("required").asBoolean(false)) {
        assertNotNull(value, where + ": header " + h.getKey() + " is required");
      }
      if (value != null) {
        assertValid(headerPointer + "/schema", TextNode.valueOf(value), where + " header " + h.getKey());
      }
    });
    JsonNode content = response.path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      assertEquals(0, body.length, where + ": the document gives this answer no body");
    } else {
      String contentType = header.apply("Content-Type");
      assertNotNull(contentType, where + ": Content-Type");
      String media = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
      assertTrue(content.has(media), where + ": Content-Type " + media + " is not one of " + content);
      JsonNode value = media.endsWith("json") ? parse(body, where) : TextNode.valueOf(new String(body, StandardCharsets.UTF_8));
      assertValid(resolved + "/content/" + escape(media) + "/schema", value, where + " body");
    }
    exercised.add(method.toUpperCase(Locale.ROOT) + " " + template + " " + status);
  }

  /** Validates a request body against the operation's request body schema (as a client generated from it would). */
  void assertValidRequest(String method, String template, JsonNode body) {
    String pointer = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT)
        + "/requestBody/content/application~1json/schema";
    assertValid(pointer, body, method + " " + template + " request");
  }

  List<Error> errors(String pointer, JsonNode value) {
    Schema schema = compiled.computeIfAbsent(pointer, p -> {
      Schema s = registry.getSchema(SchemaLocation.of(IRI + "#" + p));
      s.initializeValidators();
      return s;
    });
    return schema.validate(value);
  }

  private void assertValid(String pointer, JsonNode value, String what) {
    assertTrue(!document.at(pointer).isMissingNode(), what + ": no schema at " + pointer);
    List<Error> errors = errors(pointer, value);
    assertTrue(errors.isEmpty(), what + " does not match " + pointer + ": " + errors + "\n" + abbreviate(value.toString()));
  }

  /** Follows $ref of response and header objects (within the document). */
  String follow(String pointer) {
    JsonNode node = document.at(pointer);
    for (int i = 0; i < 10 && node.has("$ref"); i++) {
      String ref = node.get("$ref").asText();
      assertTrue(ref.startsWith("#/"), "external $ref in the served document: " + ref);
      pointer = ref.substring(1);
      node = document.at(pointer);
      assertTrue(!node.isMissingNode(), "dangling $ref " + ref);
    }
    return pointer;
  }

  /** The documented path a concrete one belongs to: an exact path first, then a template. */
  String template(String path) {
    List<String> candidates = new ArrayList<>();
    document.path("paths").fieldNames().forEachRemaining(candidates::add);
    if (candidates.contains(path)) {
      return path;
    }
    Map<String, Pattern> patterns = new HashMap<>();
    for (String c : candidates) {
      patterns.put(c, Pattern.compile(c.replaceAll("\\{[^}/]+}", "[^/]+")));
    }
    List<String> matching = candidates.stream().filter(c -> patterns.get(c).matcher(path).matches()).toList();
    assertEquals(1, matching.size(), "documented paths matching " + path + ": " + matching);
    return matching.get(0);
  }

  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static JsonNode parse(byte[] body, String where) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      fail(where + ": the body is not JSON: " + new String(body, StandardCharsets.UTF_8));
      return null;
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 2000 ? s : s.substring(0, 2000) + "...";
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
