package io.vescollector.tools.send;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which events the collector accepted (answered 202) and which it did not, by eventId: the ground truth
 * for checks such as "every event that got 202 is in Kafka". Only requests whose events have readable
 * eventIds appear.
 */
public final class Outcomes {
  /** An event whose request did not get 202, and why: {@code status 503}, {@code connection error}, {@code not sent}. */
  public record Failed(String eventId, String outcome) {}

  public static final String ACCEPTED_FILE = "accepted-event-ids.txt";
  public static final String FAILED_FILE = "failed-event-ids.tsv";

  private final List<String> accepted = new ArrayList<>();
  private final List<Failed> failed = new ArrayList<>();

  void record(List<String> eventIds, int status, String outcome) {
    if (status == 202) {
      accepted.addAll(eventIds);
    } else {
      eventIds.forEach(id -> failed.add(new Failed(id, outcome)));
    }
  }

  public List<String> accepted() {
    return List.copyOf(accepted);
  }

  public List<Failed> failed() {
    return List.copyOf(failed);
  }

  /** Writes {@value #ACCEPTED_FILE} (one eventId a line) and {@value #FAILED_FILE} (eventId TAB outcome). */
  public void writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve(ACCEPTED_FILE), accepted);
    Files.write(dir.resolve(FAILED_FILE), failed.stream().map(f -> f.eventId() + "\t" + f.outcome()).toList());
  }
}
