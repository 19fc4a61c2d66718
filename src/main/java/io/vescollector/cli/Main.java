package io.vescollector.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ves-collector.jar}: one command per tool. */
@Command(name = "ves", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "VES event collector for Kafka, with its validator and tools.",
    subcommands = {ServeCommand.class, BrokerCommand.class, ValidateCommand.class, SendCommand.class,
        ConsumeCommand.class, CompareCommand.class, FaultsCommand.class, BenchNoopCommand.class,
        StreamProducerCommand.class, StreamSessionCommand.class, HashPasswordCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    LogFormat.fromEnvironment(System.getenv()); // before the commands' classes create their loggers
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  @Override
  public void run() {
    commandLine().usage(System.out);
  }
}
