package io.vescollector.tools.send;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Drives one load run against a VES listener without blocking: Vert.x's core HTTP client with keep-alive,
 * a pool of {@code concurrency} connections and the request options built once, all state confined to
 * one event-loop context. (The WebClient's per-request URL parsing and interceptor chain cost more
 * client CPU than the collector's whole pipeline, which on a shared machine came off the target's share.)
 *
 * <p>Closed loop: {@code concurrency} lanes, each sending its next request when the previous answered.
 * Open loop: a 1 ms tick releases every request whose slot in the schedule ({@code events / rate}) has
 * come, and latency counts from that slot, so a slow collector shows as latency rather than as a lower
 * send rate (no coordinated omission). Requests due while {@code maxOutstanding} are in flight are not
 * sent, and counted.
 *
 * <p>With several URLs, requests take turns over them; with {@code retries}, a request that gets no answer
 * (connection refused or lost, timeout) or a 503 is sent again at once to the next URL, and its latency
 * still counts from its due time. Every request can be logged with each attempt ({@link OutcomeLog}).
 *
 * <p>With an interval, latency is also summarised per interval, by the time each answer came.
 */
public final class LoadRun {
  private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(10);

  private final Vertx vertx;
  private final SendOptions options;
  private final PayloadSource source;
  private final Consumer<String> progress;
  private final List<Target> targets;

  // Confined to the run's context.
  private final Histogram latency = new Histogram(MAX_LATENCY_MICROS, 3);
  private final Histogram intervalLatency = new Histogram(MAX_LATENCY_MICROS, 3);
  private final List<IntervalLatency> intervals = new ArrayList<>();
  private long intervalStartNanos;
  private final TreeMap<Integer, Long> statusCounts = new TreeMap<>();
  private final Outcomes outcomes;
  private HttpClientAgent client;
  private OutcomeLog outcomeLog;
  private Promise<LoadResult> done;
  private Context runContext;
  private long startNanos;
  private long startWallMillis;
  private int nextTarget;
  private long retries;
  private boolean ended;
  private long endNanos;
  private long lastResponseNanos;
  private long requestsSent;
  private long eventsScheduled;
  private long eventsSent;
  private long r2xx;
  private long r4xx;
  private long r5xx;
  private long rOther;
  private long connectionErrors;
  private long notSentRequests;
  private long notSentEvents;
  private long eventsAccepted;
  private String firstError;
  private int outstanding;
  private int activeLanes;
  private boolean scheduling;
  private long tickTimer = -1;
  private long progressTimer = -1;
  private long lastProgressCompleted;

  /**
   * @param progress receives a one-line status once a second, or null for none
   */
  public LoadRun(Vertx vertx, SendOptions options, PayloadSource source, Consumer<String> progress) {
    this.vertx = vertx;
    this.options = options;
    this.source = source;
    this.progress = progress;
    this.targets = options.urls().stream().map(url -> new Target(url, requestTo(singleEventUrl(url)),
        requestTo(singleEventUrl(url) + "/eventBatch"))).toList();
    this.outcomes = options.recordOutcomes() ? new Outcomes() : null;
  }

  /** The payload source the options ask for: the files, or generated events. */
  public static PayloadSource sourceFor(SendOptions options, ObjectMapper mapper, Clock clock) throws IOException {
    if (!options.files().isEmpty()) {
      boolean repeat = options.count() > 0 || options.duration() != null;
      return FilePayloads.read(mapper, options.files(), repeat);
    }
    EventTemplates templates = EventTemplates.load(mapper, options.domains());
    return new EventGenerator(mapper, templates, options.batchSize(), options.sources(), clock);
  }

  /** Runs to the end on a Vert.x instance of its own and returns the result (blocking the caller). */
  public static LoadResult run(SendOptions options, Consumer<String> progress) throws IOException {
    PayloadSource source = sourceFor(options, new ObjectMapper(), Clock.systemUTC());
    Vertx vertx = Vertx.vertx();
    try {
      return new LoadRun(vertx, options, source, progress).start().await();
    } finally {
      vertx.close().await();
    }
  }

  /** {@code http://host:port} gets {@code /eventListener/v7}; a URL with a path is used as it is. */
  static String singleEventUrl(String url) {
    String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    String path = URI.create(trimmed).getPath();
    return path == null || path.isEmpty() ? trimmed + "/eventListener/v7" : trimmed;
  }

  /** Starts the run on a new context of the Vert.x instance; the future completes when the last response is in. */
  public Future<LoadResult> start() {
    Context context = vertx.getOrCreateContext();
    runContext = context;
    Promise<LoadResult> promise = Promise.promise();
    context.runOnContext(v -> begin(promise));
    return promise.future();
  }

  /**
   * Ends the schedule early (a run whose length is decided as it goes, such as a fault scenario's): no
   * request is sent after this; those in flight still get their answer, and then the run completes.
   */
  public void stop() {
    if (runContext != null) {
      runContext.runOnContext(v -> {
        if (options.openLoop()) {
          if (scheduling) {
            stopScheduling();
          }
        } else {
          scheduling = false;
        }
      });
    }
  }

  private void begin(Promise<LoadResult> promise) {
    done = promise;
    if (options.outcomeLog() != null) {
      try {
        outcomeLog = OutcomeLog.create(options.outcomeLog());
      } catch (IOException e) {
        promise.fail(new IOException("cannot write the outcome log " + options.outcomeLog() + ": " + e.getMessage(), e));
        return;
      }
    }
    client = client(vertx, options);
    startNanos = System.nanoTime();
    intervalStartNanos = startNanos;
    startWallMillis = System.currentTimeMillis();
    endNanos = options.duration() == null ? Long.MAX_VALUE : startNanos + options.duration().toNanos();
    scheduling = true;
    if (progress != null) {
      progressTimer = vertx.setPeriodic(1000, id -> progress.accept(progressLine()));
    }
    if (options.openLoop()) {
      tickTimer = vertx.setPeriodic(1, id -> tick());
      tick();
    } else {
      activeLanes = options.concurrency();
      for (int i = 0; i < options.concurrency(); i++) {
        lane();
      }
    }
  }

  private long remainingEvents() {
    return options.count() > 0 ? options.count() - eventsScheduled : Long.MAX_VALUE;
  }

  private void lane() {
    Payload payload = scheduling && System.nanoTime() < endNanos ? source.next(remainingEvents()) : null;
    if (payload == null) {
      activeLanes--;
      finishIfDone();
      return;
    }
    eventsScheduled += payload.events();
    send(payload, System.nanoTime()).onComplete(v -> lane());
  }

  private long nextSlotNanos;

  private void tick() {
    if (!scheduling) {
      return;
    }
    if (nextSlotNanos == 0) {
      nextSlotNanos = startNanos;
    }
    long now = System.nanoTime();
    while (nextSlotNanos <= now) {
      Payload payload = nextSlotNanos < endNanos ? source.next(remainingEvents()) : null;
      if (payload == null) {
        stopScheduling();
        return;
      }
      long slot = nextSlotNanos;
      eventsScheduled += payload.events();
      nextSlotNanos += (long) (payload.events() * 1e9 / options.ratePerSecond());
      if (outstanding >= options.maxOutstanding()) {
        notSentRequests++;
        notSentEvents += payload.events();
        if (outcomes != null) {
          outcomes.record(payload.eventIds(), -1, "not sent");
        }
        if (outcomeLog != null) {
          outcomeLog.add(new RequestOutcome(payload.eventIds(), wallMillis(slot), List.of(), RequestOutcome.NOT_SENT, -1));
        }
      } else {
        send(payload, slot);
      }
    }
  }

  private void stopScheduling() {
    scheduling = false;
    vertx.cancelTimer(tickTimer);
    finishIfDone();
  }

  /** A client for runs with these options: keep-alive, a pool of {@code concurrency} connections. */
  private static HttpClientAgent client(Vertx vertx, SendOptions options) {
    // The timeout is the connections' idle timeout, not a per-request one: a per-request timeout is a
    // timer per request that keeps the request reachable until it would fire, so at 40k requests/s with
    // 30 s it kept a gigabyte alive and this process's GC paused for up to two seconds, which showed up
    // as the collector's latency. Connections the pool does not need are closed by the pool after half
    // that time, so the idle timeout only ends connections whose request went unanswered: when it also
    // closed unused pooled connections, a request handed to one as it closed failed ("Connection was
    // closed"), 2 of 513,664 in a 35 s open loop over 256 connections.
    long timeoutMillis = Math.max(1, options.requestTimeout().toMillis());
    HttpClientOptions clientOptions = new HttpClientOptions().setKeepAlive(true)
        .setKeepAliveTimeout((int) Math.max(1, timeoutMillis / 2_000))
        .setIdleTimeout((int) timeoutMillis).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setTrustAll(options.insecure()).setVerifyHost(!options.insecure());
    return vertx.createHttpClient(clientOptions, new PoolOptions().setHttp1MaxSize(options.concurrency()));
  }

  private RequestOptions requestTo(String url) {
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
        .putHeader("Content-Type", "application/json").putHeader("User-Agent", "ves-collector-send");
    if (options.user() != null) {
      String credentials = options.user() + ":" + (options.password() == null ? "" : options.password());
      request.putHeader("Authorization",
          "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return request;
  }

  /** A response's status, and its body only when it is an error worth quoting. */
  private record Answer(int status, Buffer errorBody) {}

  /** One collector URL and its two requests, built once. */
  private record Target(String url, RequestOptions single, RequestOptions batch) {
    RequestOptions request(boolean forBatch) {
      return forBatch ? batch : single;
    }
  }

  private Future<Void> send(Payload payload, long intendedNanos) {
    outstanding++;
    requestsSent++;
    eventsSent += payload.events();
    int first = nextTarget;
    nextTarget = (nextTarget + 1) % targets.size();
    Promise<Void> finished = Promise.promise();
    attempt(payload, intendedNanos, first, 0, outcomeLog == null ? null : new ArrayList<>(1), finished);
    return finished.future();
  }

  /** Sends to {@code target}; on no answer or 503, while retries are left, to the next target. */
  private void attempt(Payload payload, long intendedNanos, int target, int retry, List<RequestOutcome.Attempt> attempts,
                       Promise<Void> finished) {
    Target t = targets.get(target);
    long sentNanos = System.nanoTime();
    client.request(t.request(payload.batch()))
        .compose(request -> request.send(payload.body()))
        .compose(LoadRun::answer)
        .onComplete(ar -> {
          Answer answer = ar.succeeded() ? ar.result() : null;
          if (attempts != null) {
            attempts.add(new RequestOutcome.Attempt(t.url(), answer == null ? 0 : answer.status(),
                answer == null ? String.valueOf(ar.cause()) : null, wallMillis(sentNanos),
                (System.nanoTime() - sentNanos) / 1000));
          }
          if ((answer == null || answer.status() == 503) && retry < options.retries()) {
            retries++;
            attempt(payload, intendedNanos, (target + 1) % targets.size(), retry + 1, attempts, finished);
            return;
          }
          answered(payload, intendedNanos, answer, ar.cause(), attempts);
          finished.complete();
        });
  }

  /** A monotonic time of this run as epoch milliseconds (the wall clock at the start, plus elapsed time). */
  private long wallMillis(long nanos) {
    return startWallMillis + (nanos - startNanos) / 1_000_000;
  }

  private static Future<Answer> answer(HttpClientResponse response) {
    int status = response.statusCode();
    return status >= 400 ? response.body().map(body -> new Answer(status, body))
        : response.end().map(v -> new Answer(status, null));
  }

  private void answered(Payload payload, long intendedNanos, Answer response, Throwable failure,
                        List<RequestOutcome.Attempt> attempts) {
    long now = System.nanoTime();
    lastResponseNanos = now;
    outstanding--;
    long micros = Math.max(0, (now - intendedNanos) / 1000);
    latency.recordValue(Math.min(MAX_LATENCY_MICROS, micros));
    if (options.interval() != null) {
      closeIntervalsBefore(now);
      intervalLatency.recordValue(Math.min(MAX_LATENCY_MICROS, micros));
    }
    if (outcomeLog != null) {
      outcomeLog.add(new RequestOutcome(payload.eventIds(), wallMillis(intendedNanos), attempts,
          response == null ? RequestOutcome.NO_ANSWER : Integer.toString(response.status()), micros));
    }
    if (response == null) {
      connectionErrors++;
      if (firstError == null) {
        firstError = String.valueOf(failure);
      }
      if (outcomes != null) {
        outcomes.record(payload.eventIds(), 0, "connection error: " + failure);
      }
    } else {
      int status = response.status();
      statusCounts.merge(status, 1L, Long::sum);
      if (status >= 200 && status < 300) {
        r2xx++;
        eventsAccepted += payload.events();
      } else if (status >= 400 && status < 500) {
        r4xx++;
      } else if (status >= 500) {
        r5xx++;
      } else {
        rOther++;
      }
      if (firstError == null && status >= 400) {
        firstError = "HTTP " + status + ": " + abbreviate(response.errorBody().toString(StandardCharsets.UTF_8));
      }
      if (outcomes != null) {
        outcomes.record(payload.eventIds(), status, "status " + status);
      }
    }
    if (options.openLoop()) {
      finishIfDone();
    }
  }

  private void finishIfDone() {
    boolean sending = options.openLoop() ? scheduling : activeLanes > 0;
    if (sending || outstanding > 0 || ended) {
      return;
    }
    ended = true; // the outcome log may still be closing: done completes after it
    if (progressTimer >= 0) {
      vertx.cancelTimer(progressTimer);
    }
    LoadResult result = snapshot();
    client.close();
    if (outcomeLog == null) {
      done.complete(result);
      return;
    }
    OutcomeLog log = outcomeLog;
    vertx.executeBlocking(() -> {
      log.close();
      return result;
    }).onComplete(done);
  }

  /** Summarises every interval that ended before {@code now} (one with no answer too) and starts the next. */
  private void closeIntervalsBefore(long now) {
    long length = options.interval().toNanos();
    while (now >= intervalStartNanos + length) {
      intervals.add(interval(intervalStartNanos + length));
      intervalLatency.reset();
      intervalStartNanos += length;
    }
  }

  private IntervalLatency interval(long endNanos) {
    return new IntervalLatency((intervalStartNanos - startNanos) / 1e9, (endNanos - startNanos) / 1e9,
        LatencySummary.of(intervalLatency));
  }

  private LoadResult snapshot() {
    long end = outstanding == 0 && lastResponseNanos > 0 ? lastResponseNanos : System.nanoTime();
    List<IntervalLatency> byInterval = new ArrayList<>(intervals);
    if (options.interval() != null && (end > intervalStartNanos || intervalLatency.getTotalCount() > 0)) {
      byInterval.add(interval(end)); // the interval the run ended in, cut there
    }
    return new LoadResult(options.openLoop(), Duration.ofNanos(end - startNanos), requestsSent, eventsSent, r2xx,
        r4xx, r5xx, rOther, connectionErrors, notSentRequests, notSentEvents, eventsAccepted,
        new TreeMap<>(statusCounts), LatencySummary.of(latency), firstError, outcomes, retries, List.copyOf(byInterval));
  }

  private String progressLine() {
    LoadResult now = snapshot();
    long completed = now.completed();
    long perSecond = completed - lastProgressCompleted;
    lastProgressCompleted = completed;
    return LoadReport.progressLine(now, outstanding, perSecond);
  }

  private static String abbreviate(String body) {
    if (body == null) {
      return "";
    }
    String oneLine = body.replaceAll("\\s+", " ");
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
  }
}
