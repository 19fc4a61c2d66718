package io.vescollector.tools.send;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one load run does. {@code ratePerSecond} > 0 selects the open loop (events per second, requests
 * scheduled by the clock); 0 selects the closed loop ({@code concurrency} requests in flight). The run
 * stops after {@code count} events or after {@code duration}, whichever is set (both: the first reached).
 *
 * @param urls collector URLs, taking turns per request: {@code http://host:port} (then
 *     {@code /eventListener/v7} is appended) or the full single-event URL; batches go to its {@code /eventBatch}
 * @param files documents to send instead of generated events; empty = generate
 * @param maxOutstanding open loop only: requests in flight at most; a request due beyond it is not sent
 *     and counted as such
 * @param recordOutcomes keep the eventIds of every request with its outcome (memory grows with the run)
 * @param retries how many times a request that got no answer or a 503 is sent again, each time to the
 *     next URL; 0 = never
 * @param outcomeLog a file that gets one JSON line per request (eventIds, every attempt, the outcome), or null
 * @param interval latency is also summarised for each interval of this length, so that a long run shows
 *     when its tail moved (by the time answers came); null: for the whole run only
 */
public record SendOptions(List<String> urls, double ratePerSecond, Duration duration, long count, int concurrency,
                          int batchSize, List<String> domains, int sources, List<Path> files, String user,
                          String password, boolean insecure, int maxOutstanding, Duration requestTimeout,
                          boolean recordOutcomes, int retries, Path outcomeLog, Duration interval) {

  public SendOptions {
    urls = List.copyOf(urls);
    domains = List.copyOf(domains);
    files = List.copyOf(files);
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("at least one URL is needed");
    }
    if (concurrency < 1 || batchSize < 1 || sources < 1 || maxOutstanding < 1) {
      throw new IllegalArgumentException("concurrency, batch size, sources and max outstanding must be at least 1");
    }
    if (ratePerSecond < 0 || count < 0 || retries < 0) {
      throw new IllegalArgumentException("rate, count and retries must not be negative");
    }
    if (interval != null && interval.toMillis() < 1) {
      throw new IllegalArgumentException("the interval must be at least 1 ms");
    }
  }

  public boolean openLoop() {
    return ratePerSecond > 0;
  }

  /** Defaults for everything but the URL: closed loop, 10 s, 8 in flight, single fault events. */
  public static SendOptions defaults(String url) {
    return new SendOptions(List.of(url), 0, Duration.ofSeconds(10), 0, 8, 1, List.of("fault"), 10, List.of(), null,
        null, false, 10_000, Duration.ofSeconds(30), false, 0, null, null);
  }

  public SendOptions withCount(long n) {
    return new SendOptions(urls, ratePerSecond, null, n, concurrency, batchSize, domains, sources, files, user,
        password, insecure, maxOutstanding, requestTimeout, recordOutcomes, retries, outcomeLog, interval);
  }

  public SendOptions withRecordOutcomes(boolean record) {
    return new SendOptions(urls, ratePerSecond, duration, count, concurrency, batchSize, domains, sources, files,
        user, password, insecure, maxOutstanding, requestTimeout, record, retries, outcomeLog, interval);
  }
}
