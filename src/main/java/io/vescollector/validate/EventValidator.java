package io.vescollector.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks one event against its version's schema. The verdict is the schema's and nothing else, so it
 * equals what the official VES schema says; pointers are rewritten to point into the request body.
 * {@link SchemaScreen} clears the valid majority; networknt judges the rest and words every error.
 */
public final class EventValidator {
  private final SchemaCatalog catalog;

  public EventValidator(SchemaCatalog catalog) {
    this.catalog = catalog;
  }

  /** The event's violations; empty when it is valid. {@code pointerPrefix} is where the event sits. */
  public List<Violation> validate(VesVersion version, JsonNode event, String pointerPrefix) {
    if (catalog.eventScreen(version).check(event) == SchemaScreen.Result.VALID) {
      return List.of();
    }
    List<Error> errors = catalog.eventSchema(version).validate(event);
    if (errors.isEmpty()) {
      return List.of();
    }
    List<Violation> violations = new ArrayList<>(errors.size());
    for (Error error : errors) {
      violations.add(new Violation(pointerPrefix + pointerOf(error), describe(error)));
    }
    return violations;
  }

  /**
   * Where the error is. A missing or unexpected property is reported by the schema at its parent
   * object; pointing at the property itself tells the sender exactly which field to fix.
   */
  public static String pointerOf(Error error) {
    String location = error.getInstanceLocation().toString();
    String property = error.getProperty();
    if (property != null && PROPERTY_KEYWORDS.contains(error.getKeyword())) {
      location += "/" + property.replace("~", "~0").replace("/", "~1");
    }
    return location;
  }

  private static final Set<String> PROPERTY_KEYWORDS = Set.of("required", "additionalProperties");

  /** A networknt error as a reason a person can act on, with the value found where that helps. */
  public static String describe(Error error) {
    String message = error.getMessage();
    // networknt starts some messages with the location again; keep only the reason.
    int colon = message.indexOf(": ");
    if (message.startsWith("/") && colon > 0) {
      message = message.substring(colon + 2);
    }
    String keyword = error.getKeyword();
    JsonNode found = error.getInstanceNode();
    if (found != null && FOUND_KEYWORDS.contains(keyword)) {
      String shown = found.toString();
      message += " (found " + (shown.length() > 80 ? shown.substring(0, 77) + "..." : shown) + ")";
    }
    return message;
  }

  private static final Set<String> FOUND_KEYWORDS =
      Set.of("type", "enum", "format", "pattern", "minimum", "maximum", "minLength", "maxLength");
}
