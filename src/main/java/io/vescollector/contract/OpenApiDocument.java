package io.vescollector.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The collector's OpenAPI 3.1 contract ({@code openapi/ves-collector.yaml} on the classpath), bundled
 * and serialised once. The source refers to the project's VES schemas by relative {@code $ref}
 * ({@code ../schemas/ves-7.2.1.schema.json#/definitions/event}), which resolves beside the source file
 * and in the jar alike; the bundled document carries every definition of each referenced schema under
 * {@code components/schemas/<file>.<definition>} (e.g. {@code ves-7.2.1.event}), so it stands alone.
 * The VES schemas are draft-04; their keywords mean the same in 2020-12 except tuple {@code items},
 * which becomes {@code prefixItems}. A draft-04 keyword without a like-for-like translation fails the load.
 */
public final class OpenApiDocument {
  /** Classpath location of the source document. */
  public static final String RESOURCE = "openapi/ves-collector.yaml";
  private static final Set<String> UNTRANSLATED = Set.of("id", "exclusiveMinimum", "exclusiveMaximum",
      "dependencies", "additionalItems", "divisibleBy", "extends", "disallow");

  private final JsonNode tree;
  private final byte[] json;
  private final byte[] yaml;

  private OpenApiDocument(JsonNode tree) throws IOException {
    this.tree = tree;
    this.json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(tree);
    this.yaml = new YAMLMapper().writeValueAsBytes(tree);
  }

  /** Reads, bundles and serialises the contract; call once at start-up. */
  public static OpenApiDocument load() {
    try {
      ObjectNode root = (ObjectNode) new YAMLMapper().readTree(read(RESOURCE));
      Map<String, String> prefixes = new LinkedHashMap<>();
      rewriteExternalRefs(root, prefixes);
      ObjectNode schemas = ((ObjectNode) root.path("components")).with("schemas");
      for (Map.Entry<String, String> file : prefixes.entrySet()) {
        JsonNode definitions = new ObjectMapper().readTree(read(file.getKey())).path("definitions");
        definitions.fields().forEachRemaining(d -> {
          JsonNode copy = d.getValue().deepCopy();
          toDialect2020(copy, file.getKey() + "#/definitions/" + d.getKey());
          rewriteInternalRefs(copy, file.getValue());
          schemas.set(file.getValue() + "." + d.getKey(), copy);
        });
      }
      return new OpenApiDocument(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the OpenAPI document " + RESOURCE, e);
    }
  }

  /** The bundled document. */
  public JsonNode tree() {
    return tree;
  }

  public byte[] json() {
    return json.clone();
  }

  public byte[] yaml() {
    return yaml.clone();
  }

  byte[] jsonBytes() {
    return json;
  }

  byte[] yamlBytes() {
    return yaml;
  }

  /** {@code ../schemas/x.schema.json#/definitions/y} to {@code #/components/schemas/x.y}, noting each file. */
  private static void rewriteExternalRefs(JsonNode node, Map<String, String> prefixes) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isTextual() && !ref.asText().startsWith("#")) {
        String text = ref.asText();
        int hash = text.indexOf('#');
        String file = URI.create(RESOURCE).resolve(text.substring(0, hash)).normalize().toString();
        String fragment = text.substring(hash + 1);
        if (!fragment.startsWith("/definitions/") || fragment.indexOf('/', "/definitions/".length()) >= 0) {
          throw new IllegalStateException("unsupported $ref " + text + ": only #/definitions/<name> of a schema file");
        }
        String name = file.substring(file.lastIndexOf('/') + 1).replace(".schema.json", "").replace(".json", "");
        prefixes.putIfAbsent(file, name);
        object.set("$ref", TextNode.valueOf("#/components/schemas/" + name + "." + fragment.substring("/definitions/".length())));
      }
      object.forEach(child -> rewriteExternalRefs(child, prefixes));
    } else if (node.isArray()) {
      node.forEach(child -> rewriteExternalRefs(child, prefixes));
    }
  }

  private static void rewriteInternalRefs(JsonNode node, String prefix) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith("#/definitions/")) {
        object.set("$ref", TextNode.valueOf("#/components/schemas/" + prefix + "."
            + ref.asText().substring("#/definitions/".length())));
      }
      object.forEach(child -> rewriteInternalRefs(child, prefix));
    } else if (node.isArray()) {
      node.forEach(child -> rewriteInternalRefs(child, prefix));
    }
  }

  /** Draft-04 to 2020-12 for a schema whose every keyword means the same in both but tuple items. */
  private static void toDialect2020(JsonNode schema, String where) {
    if (!schema.isObject()) {
      return;
    }
    ObjectNode object = (ObjectNode) schema;
    for (String keyword : UNTRANSLATED) {
      if (object.has(keyword)) {
        throw new IllegalStateException(where + " uses the draft-04 keyword '" + keyword + "', which bundling does not translate");
      }
    }
    JsonNode items = object.get("items");
    if (items != null && items.isArray()) {
      object.set("prefixItems", items);
      object.remove("items");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      switch (e.getKey()) {
        case "properties", "patternProperties", "definitions" ->
            e.getValue().fields().forEachRemaining(p -> toDialect2020(p.getValue(), where + "/" + e.getKey() + "/" + p.getKey()));
        case "items", "additionalProperties", "not" -> toDialect2020(e.getValue(), where + "/" + e.getKey());
        case "prefixItems", "allOf", "anyOf", "oneOf" -> {
          ArrayNode array = (ArrayNode) e.getValue();
          for (int i = 0; i < array.size(); i++) {
            toDialect2020(array.get(i), where + "/" + e.getKey() + "/" + i);
          }
        }
        default -> { }
      }
    }
  }

  private static InputStream read(String resource) throws IOException {
    InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IOException(resource + " is missing from the classpath");
    }
    return in;
  }
}
