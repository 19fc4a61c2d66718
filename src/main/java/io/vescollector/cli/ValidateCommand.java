package io.vescollector.cli;

import io.vescollector.config.ConfigException;
import io.vescollector.config.ConfigKeys;
import io.vescollector.config.Settings;
import io.vescollector.config.SettingsLoader;
import io.vescollector.parse.JsonLimits;
import io.vescollector.parse.VesRequestParser;
import io.vescollector.validate.EventValidator;
import io.vescollector.validate.RequestValidator;
import io.vescollector.validate.SchemaCatalog;
import io.vescollector.validate.report.DocumentChecker;
import io.vescollector.validate.report.EventVerdict;
import io.vescollector.validate.report.ReportFormat;
import io.vescollector.validate.report.VersionChoice;
import io.vescollector.validate.stnddefined.StndDefinedSettings;
import io.vescollector.validate.stnddefined.StndDefinedValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code validate}: the collector's verdict on events before they are sent, from the same code
 * ({@link DocumentChecker} over the listener's parser and {@link RequestValidator}). Files are
 * checked in parallel and reported in input order.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Validate VES events (files, directories of *.json, or - for stdin) as the collector would.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:every event is valid", "1:at least one event is invalid", "2:usage or I/O error"})
public final class ValidateCommand implements Callable<Integer> {
  private static final int NDJSON_CHUNK = 500;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Event files, directories (recursively, *.json), or - for standard input.")
  List<String> paths;

  @Option(names = "--format", defaultValue = "text", description = "text (for people, default) or json (one object per event per line).")
  String format;

  @Option(names = "--ves-version", defaultValue = "auto", description = "auto (from vesEventListenerVersion or the header version), 7, 5, 4 or 3.")
  String vesVersion;

  @Option(names = "--ndjson", description = "Each input holds one document per line.")
  boolean ndjson;

  @Option(names = "--threads", description = "Worker threads (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--no-color", description = "No ANSI colour, even on a terminal.")
  boolean noColor;

  @Option(names = "--config", description = "Collector configuration (for the stndDefined settings; default config/collector.yaml if present).")
  Path config;

  @Option(names = "--stnd-defined-schemas", paramLabel = "DIR", description = "Directory of 3GPP OpenAPI files (stndDefined.schemasDirectory).")
  Path stndDefinedSchemas;

  private final InputStream stdin;
  private final PrintStream out;
  private final PrintStream err;

  public ValidateCommand() {
    this(System.in, System.out, System.err);
  }

  ValidateCommand(InputStream stdin, PrintStream out, PrintStream err) {
    this.stdin = stdin;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    if (!format.equals("text") && !format.equals("json")) {
      err.println("--format must be text or json, not '" + format + "'");
      return 2;
    }
    VersionChoice forced;
    DocumentChecker checker;
    try {
      forced = vesVersion.equals("auto") ? null : VersionChoice.forced(vesVersion);
      checker = new DocumentChecker(new VesRequestParser(JsonLimits.DEFAULT),
          new RequestValidator(new EventValidator(new SchemaCatalog()), stndDefined()), forced);
    } catch (IllegalArgumentException | ConfigException e) {
      err.println(e.getMessage());
      return 2;
    }
    List<Path> files = new ArrayList<>();
    boolean readStdin = false;
    for (String p : paths) {
      if (p.equals("-")) {
        readStdin = true;
        continue;
      }
      Path path = Path.of(p);
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json")).sorted().forEach(files::add);
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        err.println("validate: " + p + ": no such file or directory");
        return 2;
      }
    }
    return run(checker, files, readStdin);
  }

  private int run(DocumentChecker checker, List<Path> files, boolean readStdin) throws InterruptedException {
    boolean terminal = System.console() != null;
    ReportFormat report = format.equals("json") ? ReportFormat.json() : ReportFormat.text(terminal && !noColor, true);
    List<Callable<List<EventVerdict>>> tasks = new ArrayList<>();
    boolean ioError = false;
    try {
      if (readStdin) {
        addTasks(tasks, checker, "<stdin>", stdin.readAllBytes());
      }
      for (Path file : files) {
        if (ndjson) {
          addTasks(tasks, checker, file.toString(), Files.readAllBytes(file));
        } else {
          tasks.add(() -> checker.check(file.toString(), Files.readAllBytes(file), 0));
        }
      }
    } catch (IOException e) {
      err.println("validate: cannot read: " + e.getMessage());
      return 2;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "validate-worker");
      t.setDaemon(true);
      return t;
    });
    long documents = 0;
    long events = 0;
    long invalid = 0;
    long unreadable = 0;
    boolean progress = terminal && tasks.size() > 50;
    StringBuilder buffer = new StringBuilder();
    try {
      List<Future<List<EventVerdict>>> futures = new ArrayList<>(tasks.size());
      tasks.forEach(t -> futures.add(pool.submit(t)));
      for (int i = 0; i < futures.size(); i++) {
        List<EventVerdict> verdicts;
        try {
          verdicts = futures.get(i).get();
        } catch (ExecutionException e) {
          err.println("validate: " + e.getCause());
          ioError = true;
          continue;
        }
        for (EventVerdict v : verdicts) {
          events++;
          if (!v.valid()) {
            invalid++;
            if (v.version() == null) {
              unreadable++;
            }
          }
          buffer.append(report.format(v));
        }
        documents += ndjson ? verdicts.stream().map(v -> v.source().replaceFirst("#\\d+$", "")).distinct().count()
            : 1;
        if (buffer.length() > 1 << 16) {
          out.print(buffer);
          buffer.setLength(0);
        }
        if (progress && (i % 20 == 0 || i == futures.size() - 1)) {
          err.print("\rchecked " + (i + 1) + "/" + futures.size() + (ndjson ? " chunks" : " files"));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    if (progress) {
      err.print("\r\u001b[2K");
    }
    buffer.append(report.summary(new ReportFormat.Tally(documents, events, invalid, unreadable)));
    out.print(buffer);
    out.flush();
    return ioError ? 2 : invalid > 0 ? 1 : 0;
  }

  /** NDJSON: chunks of lines per task, so one big file still uses every core; else one document. */
  private void addTasks(List<Callable<List<EventVerdict>>> tasks, DocumentChecker checker, String source, byte[] bytes) {
    if (!ndjson) {
      tasks.add(() -> checker.check(source, bytes, 0));
      return;
    }
    List<byte[]> lines = new ArrayList<>();
    List<Long> numbers = new ArrayList<>();
    int start = 0;
    long line = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        line++;
        if (!blank(bytes, start, i)) {
          lines.add(Arrays.copyOfRange(bytes, start, i));
          numbers.add(line);
        }
        start = i + 1;
      }
    }
    for (int from = 0; from < lines.size(); from += NDJSON_CHUNK) {
      int to = Math.min(lines.size(), from + NDJSON_CHUNK);
      List<byte[]> docs = lines.subList(from, to);
      List<Long> nums = numbers.subList(from, to);
      tasks.add(() -> {
        List<EventVerdict> verdicts = new ArrayList<>();
        for (int k = 0; k < docs.size(); k++) {
          verdicts.addAll(checker.check(source + ":" + nums.get(k), docs.get(k), nums.get(k) - 1));
        }
        return verdicts;
      });
    }
  }

  private static boolean blank(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  private StndDefinedValidator stndDefined() {
    Path file = config;
    if (file == null && Files.isRegularFile(Path.of("config", "collector.yaml"))) {
      file = Path.of("config", "collector.yaml");
    }
    Map<String, String> overrides = stndDefinedSchemas == null ? Map.of()
        : Map.of(ConfigKeys.STND_DEFINED_SCHEMAS_DIRECTORY.name(), stndDefinedSchemas.toString());
    Settings settings = new SettingsLoader().load(file, System.getenv(), overrides);
    // Compiled on first use, on the worker threads: a command-line run pays only for what it meets.
    return StndDefinedValidator.from(StndDefinedSettings.from(settings), false);
  }
}
