package io.vescollector.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A fast first look at an event: one walk of the tree against the schema compiled into plain rules,
 * which proves the common case, a valid event, valid at a fraction of networknt's cost (its per-node
 * path objects and execution contexts dominate a valid event's check). It never decides "invalid" on
 * its own: anything it cannot prove valid goes to networknt, whose errors are the ones reported. So the
 * screen is sound only if it never calls an event valid that the schema rejects; every rule answers
 * {@link Result#UNSURE} where its reading of a keyword could differ from networknt's (integers written
 * with a fraction, non-string enum values, keywords it does not know). A {@code format} is asked of
 * networknt itself, value by value, through {@link FormatCheck}, so formats mean exactly what they
 * mean to the full check.
 */
public final class SchemaScreen {
  /** What a rule knows about a value. INVALID is only ever answered when it is certain. */
  public enum Result { VALID, INVALID, UNSURE }

  /** One compiled schema. */
  @FunctionalInterface
  interface Rule {
    Result check(JsonNode value);
  }

  /** Whether a value satisfies a named {@code format}, as the full validator decides it. */
  @FunctionalInterface
  public interface FormatCheck {
    /** {@code format}'s checker, or null when formats are not screened. */
    Predicate<JsonNode> forFormat(String format);
  }

  /** Keywords that only annotate ({@code id} is not one: in draft 04 it moves the base of references). */
  private static final Set<String> ANNOTATIONS = Set.of("$schema", "title", "description", "default", "definitions");
  private static final Rule ANYTHING = value -> Result.VALID;
  private static final Rule UNKNOWN = value -> Result.UNSURE;

  private final JsonNode root;
  private final FormatCheck formats;
  private final Map<String, Rule> byReference = new HashMap<>();
  private final Rule event;

  /**
   * Compiles {@code pointer} (e.g. {@code /definitions/event}) of a draft-04 schema whose references are
   * all local ({@code #/...}).
   */
  public SchemaScreen(JsonNode schemaDocument, String pointer, FormatCheck formats) {
    this.root = schemaDocument;
    this.formats = formats;
    this.event = reference("#" + pointer);
  }

  /** VALID when the value is certainly valid against the schema; otherwise ask the full validator. */
  public Result check(JsonNode value) {
    return event.check(value);
  }

  private Rule reference(String ref) {
    Rule known = byReference.get(ref);
    if (known != null) {
      return known;
    }
    JsonNode target = ref.startsWith("#") ? root.at(ref.substring(1)) : null;
    if (target == null || target.isMissingNode()) {
      byReference.put(ref, UNKNOWN);
      return UNKNOWN;
    }
    // Registered before compiling, so a recursive schema refers to itself through the holder.
    Rule[] holder = new Rule[1];
    byReference.put(ref, value -> holder[0].check(value));
    holder[0] = compile(target);
    byReference.put(ref, holder[0]);
    return holder[0];
  }

  private Rule compile(JsonNode schema) {
    if (!schema.isObject()) {
      return UNKNOWN;
    }
    if (schema.has("$ref")) {
      // Draft 04 ignores a reference's siblings; implementations differ, so be sure only without them.
      for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!name.equals("$ref") && !ANNOTATIONS.contains(name)) {
          return UNKNOWN;
        }
      }
      return schema.get("$ref").isTextual() ? reference(schema.get("$ref").asText()) : UNKNOWN;
    }
    List<Rule> rules = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> keyword = it.next();
      String name = keyword.getKey();
      JsonNode argument = keyword.getValue();
      if (ANNOTATIONS.contains(name) || name.equals("additionalProperties")) {
        continue;
      }
      Rule rule = switch (name) {
        case "type" -> type(argument);
        case "properties" -> properties(argument, schema.get("additionalProperties"));
        case "required" -> required(argument);
        case "enum" -> enumeration(argument);
        case "items" -> items(argument, schema.get("additionalItems"));
        case "additionalItems" -> ANYTHING; // applied by items
        case "minItems" -> argument.canConvertToInt() ? minItems(argument.intValue()) : UNKNOWN;
        case "oneOf" -> oneOf(argument);
        case "format" -> format(argument);
        default -> null; // pattern, anyOf, minimum...: networknt decides
      };
      if (rule == null) {
        return UNKNOWN; // the whole schema: its other rules alone could misjudge a value
      }
      rules.add(rule);
    }
    if (schema.has("additionalProperties") && !schema.has("properties")) {
      rules.add(properties(JsonNodeFactory.instance.objectNode(), schema.get("additionalProperties")));
    }
    return all(rules);
  }

  private static Rule all(List<Rule> rules) {
    if (rules.isEmpty()) {
      return ANYTHING;
    }
    if (rules.size() == 1) {
      return rules.get(0);
    }
    Rule[] array = rules.toArray(Rule[]::new);
    return value -> {
      for (Rule rule : array) {
        Result result = rule.check(value);
        if (result != Result.VALID) {
          return result;
        }
      }
      return Result.VALID;
    };
  }

  private static Rule type(JsonNode argument) {
    if (argument.isTextual()) {
      return type(argument.asText());
    }
    if (!argument.isArray() || argument.isEmpty()) {
      return UNKNOWN;
    }
    List<Rule> alternatives = new ArrayList<>();
    argument.forEach(t -> alternatives.add(t.isTextual() ? type(t.asText()) : UNKNOWN));
    return value -> {
      Result best = Result.INVALID;
      for (Rule alternative : alternatives) {
        Result result = alternative.check(value);
        if (result == Result.VALID) {
          return result;
        }
        if (result == Result.UNSURE) {
          best = Result.UNSURE;
        }
      }
      return best;
    };
  }

  private static Rule type(String name) {
    return switch (name) {
      case "object" -> value -> is(value.isObject());
      case "array" -> value -> is(value.isArray());
      case "string" -> value -> is(value.isTextual());
      case "boolean" -> value -> is(value.isBoolean());
      case "null" -> value -> is(value.isNull());
      case "number" -> value -> is(value.isNumber());
      // 1.0 is an integer to some readings and not to others: not this screen's call.
      case "integer" -> value -> value.isIntegralNumber() ? Result.VALID
          : value.isNumber() ? Result.UNSURE : Result.INVALID;
      default -> UNKNOWN;
    };
  }

  private static Result is(boolean holds) {
    return holds ? Result.VALID : Result.INVALID;
  }

  private Rule properties(JsonNode argument, JsonNode additional) {
    if (!argument.isObject()) {
      return UNKNOWN;
    }
    Map<String, Rule> named = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = argument.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      named.put(property.getKey(), compile(property.getValue()));
    }
    Rule others = additional == null || (additional.isBoolean() && additional.booleanValue()) ? ANYTHING
        : additional.isBoolean() ? value -> Result.INVALID
        : compile(additional);
    return value -> {
      if (!value.isObject()) {
        return Result.VALID;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        Rule rule = named.get(field.getKey());
        Result result = (rule != null ? rule : others).check(field.getValue());
        if (result != Result.VALID) {
          return result;
        }
      }
      return Result.VALID;
    };
  }

  private static Rule required(JsonNode argument) {
    List<String> names = texts(argument);
    if (names == null) {
      return UNKNOWN;
    }
    return value -> {
      if (!value.isObject()) {
        return Result.VALID;
      }
      for (String name : names) {
        if (!value.has(name)) {
          return Result.INVALID;
        }
      }
      return Result.VALID;
    };
  }

  private static Rule enumeration(JsonNode argument) {
    List<String> allowed = texts(argument);
    if (allowed == null) {
      return UNKNOWN;
    }
    Set<String> texts = new HashSet<>(allowed);
    return value -> !value.isTextual() ? Result.UNSURE : is(texts.contains(value.textValue()));
  }

  /** The strings of an array of strings; null for anything else. */
  private static List<String> texts(JsonNode argument) {
    if (!argument.isArray()) {
      return null;
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode element : argument) {
      if (!element.isTextual()) {
        return null;
      }
      texts.add(element.asText());
    }
    return texts;
  }

  private Rule items(JsonNode argument, JsonNode additionalItems) {
    if (argument.isObject()) {
      Rule each = compile(argument);
      return value -> {
        if (!value.isArray()) {
          return Result.VALID;
        }
        for (JsonNode element : value) {
          Result result = each.check(element);
          if (result != Result.VALID) {
            return result;
          }
        }
        return Result.VALID;
      };
    }
    if (!argument.isArray() || additionalItems != null) {
      return UNKNOWN;
    }
    List<Rule> positions = new ArrayList<>();
    argument.forEach(schema -> positions.add(compile(schema)));
    return value -> {
      if (!value.isArray()) {
        return Result.VALID;
      }
      for (int i = 0; i < Math.min(positions.size(), value.size()); i++) {
        Result result = positions.get(i).check(value.get(i));
        if (result != Result.VALID) {
          return result;
        }
      }
      return Result.VALID;
    };
  }

  private static Rule minItems(int minimum) {
    return value -> !value.isArray() ? Result.VALID : is(value.size() >= minimum);
  }

  private Rule format(JsonNode argument) {
    Predicate<JsonNode> check = argument.isTextual() ? formats.forFormat(argument.asText()) : null;
    return check == null ? null : value -> is(check.test(value));
  }

  private Rule oneOf(JsonNode argument) {
    if (!argument.isArray() || argument.isEmpty()) {
      return UNKNOWN;
    }
    List<Rule> branches = new ArrayList<>();
    argument.forEach(schema -> branches.add(compile(schema)));
    return value -> {
      int valid = 0;
      boolean unsure = false;
      for (Rule branch : branches) {
        Result result = branch.check(value);
        if (result == Result.VALID) {
          valid++;
        } else if (result == Result.UNSURE) {
          unsure = true;
        }
      }
      if (valid > 1) {
        return Result.INVALID;
      }
      return valid == 1 && !unsure ? Result.VALID : valid == 0 && !unsure ? Result.INVALID : Result.UNSURE;
    };
  }
}
