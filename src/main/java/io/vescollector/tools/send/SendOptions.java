package io.vescollector.tools.send;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one load run does. {@code ratePerSecond} > 0 selects the open loop (events per second, requests
 * scheduled by the clock); 0 selects the closed loop ({@code concurrency} requests in flight). The run
 * stops after {@code count} events or after {@code duration}, whichever is set (both: the first reached).
 *
 * @param url base URL: {@code http://host:port} (then {@code /eventListener/v7} is appended) or the full
 *     single-event URL; batches go to its {@code /eventBatch}
 * @param files documents to send instead of generated events; empty = generate
 * @param maxOutstanding open loop only: requests in flight at most; a request due beyond it is not sent
 *     and counted as such
 * @param recordOutcomes keep the eventIds of every request with its outcome (memory grows with the run)
 */
public record SendOptions(String url, double ratePerSecond, Duration duration, long count, int concurrency,
                          int batchSize, List<String> domains, int sources, List<Path> files, String user,
                          String password, boolean insecure, int maxOutstanding, Duration requestTimeout,
                          boolean recordOutcomes) {

  public SendOptions {
    domains = List.copyOf(domains);
    files = List.copyOf(files);
    if (concurrency < 1 || batchSize < 1 || sources < 1 || maxOutstanding < 1) {
      throw new IllegalArgumentException("concurrency, batch size, sources and max outstanding must be at least 1");
    }
    if (ratePerSecond < 0 || count < 0) {
      throw new IllegalArgumentException("rate and count must not be negative");
    }
  }

  public boolean openLoop() {
    return ratePerSecond > 0;
  }

  /** Defaults for everything but the URL: closed loop, 10 s, 8 in flight, single fault events. */
  public static SendOptions defaults(String url) {
    return new SendOptions(url, 0, Duration.ofSeconds(10), 0, 8, 1, List.of("fault"), 10, List.of(), null, null,
        false, 10_000, Duration.ofSeconds(30), false);
  }

  public SendOptions withCount(long n) {
    return new SendOptions(url, ratePerSecond, null, n, concurrency, batchSize, domains, sources, files, user,
        password, insecure, maxOutstanding, requestTimeout, recordOutcomes);
  }

  public SendOptions withBatchSize(int b) {
    return new SendOptions(url, ratePerSecond, duration, count, concurrency, b, domains, sources, files, user,
        password, insecure, maxOutstanding, requestTimeout, recordOutcomes);
  }

  public SendOptions withRecordOutcomes(boolean record) {
    return new SendOptions(url, ratePerSecond, duration, count, concurrency, batchSize, domains, sources, files,
        user, password, insecure, maxOutstanding, requestTimeout, record);
  }
}
