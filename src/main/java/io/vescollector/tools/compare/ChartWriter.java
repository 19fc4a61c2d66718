package io.vescollector.tools.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** PNG bar charts of the report: throughput per path and phase, latency p50/p99/max per path and phase. */
public final class ChartWriter {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 500;

  public List<Path> write(CompareReport report, Path dir) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<Path> files = new ArrayList<>();
    files.add(save(throughput(report), dir.resolve("throughput.png")));
    for (Phase phase : report.settings().phases()) {
      files.add(save(latency(report, phase), dir.resolve("latency-" + phase.name().toLowerCase(Locale.ROOT) + ".png")));
    }
    return files;
  }

  private static CategoryChart throughput(CompareReport report) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Metric values per second delivered to Kafka").xAxisTitle("Path").yAxisTitle("values/s").build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    for (Phase phase : report.settings().phases()) {
      List<PathResult> rows = report.of(phase);
      chart.addSeries(phase.label(), rows.stream().map(r -> r.path().label()).toList(),
          rows.stream().map(PathResult::valuesPerSecond).toList());
    }
    return chart;
  }

  private static CategoryChart latency(CompareReport report, Phase phase) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title("End-to-end latency, " + phase.label() + " (producer send -> consumer)").xAxisTitle("Path")
        .yAxisTitle("ms").build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    List<PathResult> rows = report.of(phase);
    List<String> labels = rows.stream().map(r -> r.path().label()).toList();
    chart.addSeries("p50", labels, rows.stream().map(PathResult::p50Ms).toList());
    chart.addSeries("p99", labels, rows.stream().map(PathResult::p99Ms).toList());
    chart.addSeries("max", labels, rows.stream().map(PathResult::maxMs).toList());
    return chart;
  }

  private static Path save(CategoryChart chart, Path file) throws IOException {
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    return file;
  }
}
