package io.vescollector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vescollector.config.ConfigException;
import io.vescollector.config.RoutingTableReader;
import io.vescollector.config.SettingsLoader;
import io.vescollector.route.RoutingTable;
import io.vescollector.tools.consume.ConsumeOptions;
import io.vescollector.tools.consume.EventSink;
import io.vescollector.tools.consume.FieldFilter;
import io.vescollector.tools.consume.JsonLineSink;
import io.vescollector.tools.consume.PrettySink;
import io.vescollector.tools.consume.SummarySink;
import io.vescollector.tools.consume.TopicResolver;
import io.vescollector.tools.consume.TopicTail;
import io.vescollector.tools.send.EventTemplates;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code consume}: shows what the collector published, for people writing or debugging consumers.
 * Reads without a consumer group unless asked, so it can be pointed at a production cluster safely.
 */
@Command(name = "consume", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Read the collector's Kafka topics and show the events: pretty (with topic, partition, "
        + "offset, key, headers), json (the record value, one line each, for jq; a refused request's copy as "
        + "{\"rejected\":{status, messageId, reason, ...}, \"body\":\"...\"}) or summary (counts per "
        + "domain and source, end-to-end delay).",
        "Stops after --max events, after --timeout without a record, or on Ctrl-C (which prints the summary)."})
public final class ConsumeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,...]",
      description = "Kafka bootstrap servers (default: --kafka-config's, else " + KafkaConfigOption.DEFAULT_BOOTSTRAP + ").")
  String bootstrap;

  @Mixin
  KafkaConfigOption kafkaConfig;

  @ArgGroup(exclusive = true)
  Source source;

  static final class Source {
    @Option(names = "--domain", split = ",", paramLabel = "D",
        description = "Domains, mapped to topics by the collector's routing table (default: all domains).")
    List<String> domains;

    @Option(names = "--topic", split = ",", paramLabel = "T", description = "Topics to read.")
    List<String> topics;

    @Option(names = "--rejected", description = "Read the topic of refused requests (routing.rejectedTopic of "
        + "--config): each with its status, messageId and reason.")
    boolean rejected;
  }

  @Option(names = "--config", description = "Collector configuration whose routing table maps --domain to topics "
      + "(default: config/collector.yaml if present, else the bundled defaults).")
  Path config;

  @Option(names = "--from-beginning", description = "Read the topics from their first record, not only new ones.")
  boolean fromBeginning;

  @Option(names = "--filter", paramLabel = "PATH=VALUE",
      description = "Only events with this value at this dotted path, e.g. commonEventHeader.sourceName=gnb-cu-0012; "
          + "repeatable, all must match.")
  List<String> filters;

  @Option(names = "--format", defaultValue = "pretty", description = "pretty, json or summary (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--max", defaultValue = "0", description = "Stop after N events (0: no limit).")
  long max;

  @Option(names = "--timeout", converter = DurationConverter.class, paramLabel = "D",
      description = "Stop after this long without a record (e.g. 10s); default: never.")
  Duration timeout;

  @Option(names = "--group", paramLabel = "G", description = "Join this consumer group (commits offsets) instead of reading without one.")
  String group;

  enum Format { pretty, json, summary }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConsumeOptions options;
    try {
      options = new ConsumeOptions(kafkaConfig.settings(bootstrap), topics(), fromBeginning,
          filters == null ? List.of() : filters.stream().map(FieldFilter::parse).toList(), max, timeout, group);
    } catch (IllegalArgumentException | ConfigException e) {
      err.println("consume: " + e.getMessage());
      return 2;
    }
    ObjectMapper mapper = new ObjectMapper();
    boolean terminal = System.console() != null;
    EventSink sink = switch (format) {
      case pretty -> new PrettySink(out, mapper);
      case json -> new JsonLineSink(out);
      case summary -> new SummarySink(out, terminal ? err : null);
    };
    if (terminal) {
      err.println("Reading " + String.join(", ", options.topics()) + " from " + options.kafka().bootstrapServers()
          + (fromBeginning ? " (from the beginning)" : " (new records)"));
    }
    CountDownLatch finished = new CountDownLatch(1);
    try (TopicTail tail = new TopicTail(options, mapper, Clock.systemUTC())) {
      Thread onCtrlC = new Thread(() -> {
        tail.stop();
        await(finished);
      }, "consume-shutdown");
      Runtime.getRuntime().addShutdownHook(onCtrlC);
      try {
        tail.run(sink);
      } finally {
        sink.finish();
        finished.countDown();
        removeHook(onCtrlC);
      }
      return nothingToRead(tail, options, err);
    }
  }

  /** Says why nothing could be read when no topic was found: exit 1 if the broker never answered. */
  private int nothingToRead(TopicTail tail, ConsumeOptions options, PrintWriter err) {
    if (options.group() != null || tail.topicsNotFound().size() < options.topics().size()) {
      return 0;
    }
    if (!tail.brokerAnswered()) {
      err.println("consume: no answer from Kafka at " + options.kafka().bootstrapServers()
          + ": is the broker running there?" + (kafkaConfig.file == null ? ""
          : " Do the settings in " + kafkaConfig.file + " let this client in?"));
      return 1;
    }
    err.println("consume: none of the topics exists yet: " + String.join(", ", tail.topicsNotFound()));
    return 0;
  }

  private List<String> topics() {
    if (source != null && source.topics != null) {
      return source.topics;
    }
    Path file = config != null ? config : Files.isRegularFile(Path.of("config", "collector.yaml"))
        ? Path.of("config", "collector.yaml") : null;
    RoutingTable table = RoutingTableReader.read(new SettingsLoader().load(file, System.getenv(), Map.of()));
    if (source != null && source.rejected) {
      if (!table.keepsRejected()) {
        throw new IllegalArgumentException("--rejected: routing.rejectedTopic is not set in "
            + (file == null ? "the bundled defaults" : file.toString()) + "; name the topic with --topic");
      }
      return List.of(table.rejectedTopic());
    }
    List<String> domains = source != null && source.domains != null ? source.domains
        : EventTemplates.DOMAINS;
    return new TopicResolver(table).topicsFor(domains);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: Ctrl-C
    }
  }
}
