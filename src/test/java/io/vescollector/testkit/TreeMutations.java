package io.vescollector.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random edits of a JSON tree, for property tests: a field deleted, retyped or added somewhere. */
public final class TreeMutations {
  public enum Kind { DELETE_FIELD, RETYPE_FIELD, ADD_FIELD }

  private TreeMutations() {}

  /** Applies one edit of {@code kind} to a random object of {@code root}, chosen by {@code random}. */
  public static void mutate(ObjectNode root, Kind kind, Random random) {
    List<ObjectNode> objects = new ArrayList<>();
    collectObjects(root, objects);
    ObjectNode target = objects.get(random.nextInt(objects.size()));
    List<String> names = new ArrayList<>();
    target.fieldNames().forEachRemaining(names::add);
    if (kind == Kind.ADD_FIELD || names.isEmpty()) {
      target.set("junk" + random.nextInt(1000), randomValue(random));
    } else if (kind == Kind.DELETE_FIELD) {
      target.remove(names.get(random.nextInt(names.size())));
    } else {
      target.set(names.get(random.nextInt(names.size())), randomValue(random));
    }
  }

  private static void collectObjects(JsonNode node, List<ObjectNode> out) {
    if (node instanceof ObjectNode object) {
      out.add(object);
    }
    node.elements().forEachRemaining(child -> collectObjects(child, out));
  }

  /** A value of a random JSON type, including the edge cases schemas trip on (1.0, "", null). */
  public static JsonNode randomValue(Random random) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (random.nextInt(11)) {
      case 0 -> f.textNode("text");
      case 1 -> f.textNode("");
      case 2 -> f.numberNode(random.nextInt());
      case 3 -> f.numberNode(random.nextDouble() * 1e6);
      case 4 -> f.booleanNode(random.nextBoolean());
      case 5 -> f.nullNode();
      case 6 -> f.objectNode().put("k", "v");
      case 7 -> {
        ArrayNode a = f.arrayNode();
        a.add(1).add("two");
        yield a;
      }
      case 8 -> f.numberNode(1.0);
      case 9 -> f.arrayNode();
      default -> f.textNode("x".repeat(random.nextInt(5000)));
    };
  }
}
