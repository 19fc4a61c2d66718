package io.vescollector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vescollector.config.CollectorConfig;
import io.vescollector.config.ConfigException;
import io.vescollector.config.ConfigKeys;
import io.vescollector.config.HvVesConfigReader;
import io.vescollector.config.SecurityConfigReader;
import io.vescollector.config.Settings;
import io.vescollector.config.SettingsLoader;
import io.vescollector.config.StndDefinedSettingsReader;
import io.vescollector.hvves.FrameCheck;
import io.vescollector.hvves.HvVesConfig;
import io.vescollector.hvves.WtpStreamCheck;
import io.vescollector.parse.VesRequestParser;
import io.vescollector.validate.EventValidator;
import io.vescollector.validate.RequestValidator;
import io.vescollector.validate.SchemaCatalog;
import io.vescollector.validate.report.DocumentChecker;
import io.vescollector.validate.report.Input;
import io.vescollector.validate.report.ReportFormat;
import io.vescollector.validate.report.ValidationRun;
import io.vescollector.validate.report.VersionChoice;
import io.vescollector.validate.stnddefined.StndDefinedSettings;
import io.vescollector.validate.stnddefined.StndDefinedValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
    description = {"Validate VES events (files, directories of *.json, or - for stdin) as the collector would.",
        "With --wtp: files of HV-VES WTP frames, judged frame by frame as the HV-VES listener would."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:every event is valid", "1:at least one event is invalid", "2:usage or I/O error"})
public final class ValidateCommand implements Callable<Integer> {
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

  @Option(names = "--config", description = "Collector configuration (parse limits, batch bound, stndDefined settings; default config/collector.yaml if present).")
  Path config;

  @Option(names = "--stnd-defined-schemas", paramLabel = "DIR", description = "Directory of 3GPP OpenAPI files (stndDefined.schemasDirectory).")
  Path stndDefinedSchemas;

  @Option(names = "--wtp", description = "The inputs are recorded HV-VES streams (WTP 1.0 frames of protobuf VesEvents); "
      + "each frame is checked as the HV-VES listener checks it (hvVes.maxPayloadBytes and hvVes.routes of the configuration).")
  boolean wtp;

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
    if (wtp) {
      return validateWtp();
    }
    VersionChoice forced;
    DocumentChecker checker;
    StndDefinedValidator stndDefined;
    try {
      forced = vesVersion.equals("auto") ? null : VersionChoice.forced(vesVersion);
      // The collector's own settings (parse limits, batch bound, stndDefined), so the verdicts are its verdicts.
      Settings settings = collectorSettings();
      CollectorConfig.Server server = CollectorConfig.Server.from(settings);
      // Compiled on first use, on the worker threads: a command-line run pays only for what it meets.
      stndDefined = StndDefinedValidator.from(StndDefinedSettingsReader.read(settings), false);
      checker = new DocumentChecker(new VesRequestParser(server.jsonLimits(), server.maxBatchEvents()),
          new RequestValidator(new EventValidator(new SchemaCatalog()), stndDefined), forced);
    } catch (IllegalArgumentException | ConfigException e) {
      err.println(e.getMessage());
      return 2;
    }
    List<Input> inputs = new ArrayList<>();
    for (String p : paths) {
      if (p.equals("-")) {
        inputs.add(new StdinInput(stdin));
        continue;
      }
      Path path = Path.of(p);
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json")).sorted()
              .forEach(f -> inputs.add(new FileInput(f)));
        }
      } else if (Files.isRegularFile(path)) {
        inputs.add(new FileInput(path));
      } else {
        err.println("validate: " + p + ": no such file or directory");
        return 2;
      }
    }
    boolean terminal = System.console() != null;
    ReportFormat report = format.equals("json") ? ReportFormat.json() : ReportFormat.text(terminal && !noColor, true);
    ValidationRun.Progress progress = terminal && inputs.size() > 50
        ? (done, of, events) -> err.print(done == of ? "\r\u001b[2K" : "\rchecked " + done + "/" + of + " files, " + events + " events")
        : ValidationRun.Progress.NONE;
    ValidationRun.Outcome outcome = new ValidationRun(checker, report, ndjson, threads, out, progress).run(inputs);
    outcome.unreadableInputs().forEach(why -> err.println("validate: cannot read " + why));
    long unchecked = checker.stndDefinedEvents();
    stndDefined.emptySchemasDirectory().filter(dir -> unchecked > 0).ifPresent(dir -> err.println(
        "validate: the stndDefinedFields.data of " + unchecked + " stndDefined event(s) was checked against the VES "
            + "schema only: no 3GPP schema files in " + dir + " (name a directory of them with --stnd-defined-schemas)"));
    return outcome.exitStatus();
  }

  /** Each input as a recorded HV-VES stream: 0 when every frame would be published, 1 otherwise, 2 on I/O errors. */
  private int validateWtp() {
    WtpStreamCheck streams;
    try {
      Settings settings = collectorSettings();
      CollectorConfig.Server server = CollectorConfig.Server.from(settings);
      HvVesConfig hvVes = HvVesConfigReader.read(settings, server, "validate", SecurityConfigReader.read(settings));
      streams = new WtpStreamCheck(hvVes.maxPayloadBytes(), new FrameCheck(hvVes.routes()));
    } catch (IllegalArgumentException | ConfigException e) {
      err.println(e.getMessage());
      return 2;
    }
    ObjectMapper json = new ObjectMapper();
    boolean allRouted = true;
    for (String p : paths) {
      Input input = p.equals("-") ? new StdinInput(stdin) : new FileInput(Path.of(p));
      WtpStreamCheck.StreamReport report;
      try (InputStream in = input.open()) {
        report = streams.check(in);
      } catch (IOException e) {
        err.println("validate: cannot read " + input.name() + ": " + e.getMessage());
        return 2;
      }
      allRouted &= report.allRouted();
      if (format.equals("json")) {
        report.frames().forEach(f -> out.println(WtpReport.json(json, input.name(), f)));
        if (report.broken() != null) {
          out.println(json.createObjectNode().put("file", input.name()).put("brokenAt", report.brokenAt())
              .put("broken", report.broken()));
        }
      } else {
        out.print(WtpReport.text(input.name(), report));
      }
    }
    return allRouted ? 0 : 1;
  }

  /** A file, read when its turn comes. */
  private record FileInput(Path path) implements Input {
    @Override
    public String name() {
      return path.toString();
    }

    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(path);
    }
  }

  /** Standard input, named as the reports name it. */
  private record StdinInput(InputStream in) implements Input {
    @Override
    public String name() {
      return "<stdin>";
    }

    @Override
    public InputStream open() {
      return in;
    }
  }

  private Settings collectorSettings() {
    Path file = config;
    if (file == null && Files.isRegularFile(Path.of("config", "collector.yaml"))) {
      file = Path.of("config", "collector.yaml");
    }
    Map<String, String> overrides = stndDefinedSchemas == null ? Map.of()
        : Map.of(ConfigKeys.STND_DEFINED_SCHEMAS_DIRECTORY.name(), stndDefinedSchemas.toString());
    return new SettingsLoader().load(file, System.getenv(), overrides);
  }
}
