package io.vescollector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vescollector.tools.send.EventTemplates;
import io.vescollector.tools.send.HvVesLoad;
import io.vescollector.tools.send.HvVesSendOptions;
import io.vescollector.tools.send.HvVesSendResult;
import io.vescollector.tools.send.LoadReport;
import io.vescollector.tools.send.LoadResult;
import io.vescollector.tools.send.LoadRun;
import io.vescollector.tools.send.SendOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code send}: a network-function simulator and load generator, so a collector can be tried and
 * measured without a network. Exit status 0 when every request got 2xx, 1 otherwise, 2 on bad usage.
 */
@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Send VES 7.2.1 events to a collector: generated for every domain, or from files; "
        + "closed loop (--concurrency requests in flight) or open loop at a fixed --rate.",
        "Prints a live progress line on a terminal (or with --progress) and a final report."})
public final class SendCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--url", required = true, split = ",", paramLabel = "URL",
      description = "Collector URL: http(s)://host:port (then /eventListener/v7 is used) or the full single-event URL. "
          + "Repeatable (or comma-separated): requests take turns over the collectors. "
          + "With --protocol hv-ves: tcp://host:port or tls://host:port (one).")
  List<String> urls;

  @Option(names = "--protocol", defaultValue = "http",
      description = "http (VES REST) or hv-ves (ONAP's high-volume VES: WTP frames of perf3gpp events over TCP or "
          + "TLS; no answers, so what is sent is what is reported) (default: ${DEFAULT-VALUE}).")
  String protocol;

  @Option(names = "--cells", defaultValue = "10",
      description = "hv-ves: measured objects per perf3gpp event (default: ${DEFAULT-VALUE}).")
  int cells;

  @Option(names = "--metrics", defaultValue = "20",
      description = "hv-ves: metric values per measured object (default: ${DEFAULT-VALUE}).")
  int metrics;

  @Option(names = "--tls-trust", paramLabel = "PEM",
      description = "hv-ves over tls://: CA certificates the listener's certificate must chain to (default: the JDK's).")
  Path tlsTrust;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "hv-ves over tls://: client certificate (with --tls-key).")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "hv-ves over tls://: the client certificate's key.")
  Path tlsKey;

  @Option(names = "--retries", defaultValue = "0", paramLabel = "N",
      description = "Send a request that got no answer (connection refused or lost, timeout) or a 503 again, to the "
          + "next --url, up to N times; its latency counts from its first due time (default: ${DEFAULT-VALUE}).")
  int retries;

  @Option(names = "--rate", paramLabel = "N[/s]", converter = RateConverter.class,
      description = "Open loop: events per second, requests scheduled by the clock. Without it: closed loop.")
  Double rate;

  @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "D",
      description = "How long to send (e.g. 20s, 2m). Default 10s unless --count is given (or --file: each document once).")
  Duration duration;

  @Option(names = "--count", paramLabel = "N", description = "Send N events, then stop.")
  Long count;

  @Option(names = {"-c", "--concurrency"}, defaultValue = "8",
      description = "Connections (closed loop: requests in flight) (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = {"-b", "--batch-size"}, defaultValue = "1",
      description = "Events per request; above 1 posts to /eventBatch (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--domain", split = ",", paramLabel = "D",
      description = "Domains to generate, taking turns per request (default: all): ${COMPLETION-CANDIDATES}",
      completionCandidates = Domains.class)
  List<String> domains;

  @Option(names = "--sources", defaultValue = "10",
      description = "Size of the pool of simulated sources (sourceName sim-nf-0001...) (default: ${DEFAULT-VALUE}).")
  int sources;

  @Option(names = "--file", paramLabel = "F",
      description = "Send this file's documents instead (single event, eventList batch, or ndjson); repeatable.")
  List<Path> files;

  @Option(names = "--user", description = "HTTP Basic user.")
  String user;

  @Option(names = "--password", description = "HTTP Basic password.")
  String password;

  @Option(names = "--insecure", description = "Accept any TLS certificate and host name.")
  boolean insecure;

  @Option(names = "--max-outstanding", defaultValue = "10000",
      description = "Open loop: requests in flight at most; due requests beyond it are counted as not sent (default: ${DEFAULT-VALUE}).")
  int maxOutstanding;

  @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "30s",
      description = "A request whose connection stays silent this long fails and counts as a connection error (default: ${DEFAULT-VALUE}).")
  Duration requestTimeout;

  @Option(names = "--record-outcomes", paramLabel = "DIR",
      description = "Write the eventIds that got 202 (" + "accepted-event-ids.txt) and those that did not, with why (failed-event-ids.tsv).")
  Path recordOutcomes;

  @Option(names = "--outcome-log", paramLabel = "FILE",
      description = "Write one JSON line per request: its eventIds, when it was due, each attempt's URL, time, "
          + "status (or error) and latency, and the outcome.")
  Path outcomeLog;

  @Option(names = "--interval", converter = DurationConverter.class, defaultValue = "1m", paramLabel = "D",
      description = "Also report latency for each interval of this length, by when the answers came: a run longer "
          + "than one lists them (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--progress", description = "Print the progress line even when standard error is not a terminal.")
  boolean progress;

  @Option(names = "--format", defaultValue = "text", description = "Report format: text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  enum Format { text, json }

  /** Domain names for the help text. */
  static final class Domains extends ArrayList<String> {
    Domains() {
      super(EventTemplates.DOMAINS);
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (protocol.equalsIgnoreCase("hv-ves")) {
      return sendHvVes(out, err);
    }
    if (!protocol.equalsIgnoreCase("http")) {
      err.println("send: --protocol is http or hv-ves, not " + protocol);
      return 2;
    }
    SendOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      err.println("send: " + e.getMessage());
      return 2;
    }
    boolean showProgress = progress || System.console() != null;
    LoadResult result;
    try {
      result = LoadRun.run(options, showProgress ? line -> {
        err.print("\r" + line + "   ");
        err.flush();
      } : null);
    } catch (IOException | IllegalArgumentException e) {
      err.println("send: " + e.getMessage());
      return 2;
    }
    if (showProgress) {
      err.println();
    }
    if (recordOutcomes != null) {
      try {
        result.outcomes().writeTo(recordOutcomes);
      } catch (IOException e) {
        err.println("send: cannot write outcomes to " + recordOutcomes + ": " + e.getMessage());
        return 2;
      }
    }
    out.print(format == Format.json ? LoadReport.json(result, new ObjectMapper()) + System.lineSeparator()
        : LoadReport.text(result));
    out.flush();
    return result.allAccepted() ? 0 : 1;
  }

  /** HV-VES: written is all a sender can know (WTP has no answer); 1 when a connection failed. */
  private int sendHvVes(PrintWriter out, PrintWriter err) {
    HvVesSendResult result;
    try {
      result = HvVesLoad.run(hvVesOptions());
    } catch (IllegalArgumentException e) {
      err.println("send: " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    out.print(format == Format.json ? result.json(new ObjectMapper()) + System.lineSeparator() : result.text());
    out.flush();
    return result.connectionErrors() == 0 ? 0 : 1;
  }

  private HvVesSendOptions hvVesOptions() {
    if (urls.size() != 1) {
      throw new IllegalArgumentException("--protocol hv-ves takes one --url");
    }
    if (files != null || batchSize != 1 || domains != null || user != null) {
      throw new IllegalArgumentException("--protocol hv-ves sends generated perf3gpp events: --file, --batch-size, "
          + "--domain and --user do not apply");
    }
    URI uri = URI.create(urls.get(0));
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("tcp") && !scheme.equals("tls") || uri.getHost() == null || uri.getPort() < 0) {
      throw new IllegalArgumentException("--protocol hv-ves needs --url tcp://host:port or tls://host:port, not "
          + urls.get(0));
    }
    Duration runFor = duration == null && count == null ? Duration.ofSeconds(10) : duration;
    return new HvVesSendOptions(uri.getHost(), uri.getPort(), scheme.equals("tls"), insecure, tlsTrust, tlsCert, tlsKey,
        rate == null ? 0 : rate, runFor, count == null ? 0 : count, concurrency, sources, cells, metrics);
  }

  private SendOptions options() {
    List<Path> inputs = files == null ? List.of() : files;
    Duration runFor = duration;
    if (runFor == null && count == null && inputs.isEmpty()) {
      runFor = Duration.ofSeconds(10);
    }
    if (user != null && password == null) {
      throw new IllegalArgumentException("--user needs --password");
    }
    if (!inputs.isEmpty() && domains != null) {
      throw new IllegalArgumentException("--domain generates events; it cannot be combined with --file");
    }
    if (retries < 0) {
      throw new IllegalArgumentException("--retries must not be negative");
    }
    return new SendOptions(urls, rate == null ? 0 : rate, runFor, count == null ? 0 : count, concurrency, batchSize,
        domains == null ? EventTemplates.DOMAINS : domains, sources, inputs, user, password, insecure,
        maxOutstanding, requestTimeout, recordOutcomes != null, retries, outcomeLog, interval);
  }
}
