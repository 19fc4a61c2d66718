package io.vescollector.tools.compare;

import io.vescollector.kafka.KafkaClientSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What {@code compare} runs: the workload, the time per path and phase, the fixed offered rate in metric
 * values per second, and where Kafka is and how to reach it (null = start the embedded broker); an unmeasured
 * warm-up per path first.
 */
public record CompareOptions(int producers, int cells, int metrics, Duration duration, double valuesPerSecond,
                             List<Phase> phases, List<PathKind> paths, Path out, KafkaClientSettings kafka, Duration drain,
                             Duration warmup) {
  public CompareOptions {
    if (producers < 1 || cells < 1 || metrics < 1) {
      throw new IllegalArgumentException("producers, cells and metrics must be at least 1");
    }
    if (phases.isEmpty() || paths.isEmpty()) {
      throw new IllegalArgumentException("at least one phase and one path");
    }
    if (phases.contains(Phase.FIXED) && valuesPerSecond <= 0) {
      throw new IllegalArgumentException("the fixed-rate phase needs a positive --rate");
    }
    if (Set.copyOf(phases).size() < phases.size() || Set.copyOf(paths).size() < paths.size()) {
      throw new IllegalArgumentException("name each phase and each path at most once: --phases " + phases
          + ", --paths " + paths);
    }
    phases = List.copyOf(phases);
    paths = List.copyOf(paths);
  }
}
