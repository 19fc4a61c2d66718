package io.vescollector.validate.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.vescollector.answer.VesException;
import io.vescollector.parse.ParsedRequest;
import io.vescollector.parse.VesRequestParser;
import io.vescollector.validate.Rejection;
import io.vescollector.validate.RequestValidator;
import io.vescollector.validate.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The collector's verdict on one document, event by event: the same parser and the same
 * {@link RequestValidator} as the listener (schema, batch rules, stndDefined), so {@code validate}
 * and {@code serve} cannot disagree. Thread-safe.
 */
public final class DocumentChecker {
  private final VesRequestParser parser;
  private final RequestValidator validator;
  private final VersionChoice forced;
  private final LongAdder stndDefinedEvents = new LongAdder();

  /** {@code forced} null: choose the schema from each document. */
  public DocumentChecker(VesRequestParser parser, RequestValidator validator, VersionChoice forced) {
    this.parser = parser;
    this.validator = validator;
    this.forced = forced;
  }

  /** One verdict per event (per batch element), or one for a document that is not a VES request. */
  public List<EventVerdict> check(String source, byte[] document, long lineOffset) {
    ParsedRequest request;
    try {
      JsonNode tree = parser.readTree(document);
      request = parser.fromTree(tree, tree.isObject() && tree.has("eventList") && !tree.has("event"));
    } catch (VesException e) {
      List<String> why = e.problem().variables();
      String message = why.isEmpty() ? e.problem().text() : String.join("; ", why);
      Violation violation = new Violation("", message);
      return List.of(new EventVerdict(source, null, null, List.of(violation), List.of(parseLocation(message, lineOffset))));
    }
    for (JsonNode event : request.events()) {
      if ("stndDefined".equals(event.path("commonEventHeader").path("domain").asText())) {
        stndDefinedEvents.increment();
      }
    }
    VersionChoice version = forced != null ? forced : VersionChoice.detect(request.events().get(0));
    Optional<Rejection> rejection = validator.check(version.version(), request);
    List<Violation> all = rejection.map(Rejection::violations).orElse(List.of());
    PointerLocator locator = all.isEmpty() ? null : new PointerLocator(document, lineOffset);
    List<EventVerdict> verdicts = new ArrayList<>(request.events().size());
    for (int i = 0; i < request.events().size(); i++) {
      String prefix = request.pointerOf(i);
      List<Violation> own = new ArrayList<>();
      List<EventVerdict.Location> locations = new ArrayList<>();
      for (Violation v : all) {
        if (v.pointer().equals(prefix) || v.pointer().startsWith(prefix + "/")) {
          own.add(v);
          locations.add(locator.locate(v.pointer()));
        }
      }
      verdicts.add(new EventVerdict(request.batch() ? source + "#" + i : source, version,
          rejection.map(Rejection::stage).orElse(null), own, locations));
    }
    return verdicts;
  }

  /** How many stndDefined events the checked documents held so far. */
  public long stndDefinedEvents() {
    return stndDefinedEvents.sum();
  }

  /** Jackson's parse errors end with "(line L, column C)"; keep that position. */
  private static EventVerdict.Location parseLocation(String message, long lineOffset) {
    Matcher m = Pattern.compile("\\(line (\\d+), column (\\d+)\\)").matcher(message);
    return m.find() ? new EventVerdict.Location(Long.parseLong(m.group(1)) + lineOffset, Long.parseLong(m.group(2)))
        : EventVerdict.Location.UNKNOWN;
  }
}
