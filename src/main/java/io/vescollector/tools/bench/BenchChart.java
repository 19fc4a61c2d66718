package io.vescollector.tools.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** The run's picture: throughput per scenario beside the open-loop latency percentiles, one PNG. */
public final class BenchChart {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 420;

  private BenchChart() {}

  public static void write(BenchResult r, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage left = BitmapEncoder.getBufferedImage(throughput(r));
    BufferedImage right = BitmapEncoder.getBufferedImage(latency(r));
    BufferedImage both = new BufferedImage(left.getWidth() + right.getWidth(), Math.max(left.getHeight(), right.getHeight()),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = both.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, both.getWidth(), both.getHeight());
    g.drawImage(left, 0, 0, null);
    g.drawImage(right, left.getWidth(), 0, null);
    g.dispose();
    ImageIO.write(both, "png", png.toFile());
  }

  static CategoryChart throughput(BenchResult r) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Throughput, closed loop (" + r.machine().cpus() + " CPUs, shared)").yAxisTitle("per second").build();
    style(chart);
    chart.getStyler().setLegendVisible(false);
    chart.addSeries("throughput", List.of("no-op (requests/s)", "single (events/s)", "batch " + r.batch().batchSize()
        + " (events/s)"), List.of(rate(r.noop()), rate(r.single()), rate(r.batch())));
    return chart;
  }

  static CategoryChart latency(BenchResult r) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Latency, open loop at " + Math.round(r.openLoopFraction() * 100) + " % of throughput").yAxisTitle("ms")
        .build();
    style(chart);
    List<String> names = List.of("single", "batch " + r.batch().batchSize());
    List<Scenario> scenarios = List.of(r.single(), r.batch());
    chart.addSeries("p50", names, latencies(scenarios, 50));
    chart.addSeries("p99", names, latencies(scenarios, 99));
    chart.addSeries("max", names, latencies(scenarios, 100));
    return chart;
  }

  private static void style(CategoryChart chart) {
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setLabelsVisible(true);
  }

  /** Invalid runs plot as zero: a missing bar, never a fantastic one. */
  private static double rate(Scenario s) {
    return s.throughputValid() ? Math.round(s.closed().result().eventsPerSecond()) : 0;
  }

  private static List<Double> latencies(List<Scenario> scenarios, int percentile) {
    List<Double> values = new ArrayList<>();
    for (Scenario s : scenarios) {
      if (!s.latencyValid()) {
        values.add(0.0);
        continue;
      }
      var l = s.open().result().latency();
      long micros = percentile == 50 ? l.p50() : percentile == 99 ? l.p99() : l.max();
      values.add(Math.round(micros / 100.0) / 10.0);
    }
    return values;
  }
}
