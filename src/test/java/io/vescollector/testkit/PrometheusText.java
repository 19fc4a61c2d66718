package io.vescollector.testkit;

/** Reads values out of a /metrics answer (Prometheus text format). */
public final class PrometheusText {
  private PrometheusText() {}

  /** The sum of the series whose line starts with {@code prefix} (a name, or a name and the start of its labels). */
  public static double sum(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }
}
