package io.vescollector.tools;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a tool starts a {@code ves} command as a child JVM: this JVM's java, this JVM's class path (made
 * absolute, since children may run in directories of their own) and the command-line entry point. The same
 * from the shaded jar ({@code bench/faults}, {@code ves compare}) and from the test class path.
 *
 * @param java the java executable
 * @param classPath absolute class path
 */
public record Launcher(String java, String classPath) {
  private static final String MAIN = "io.vescollector.cli.Main";

  /** This JVM's java and class path. */
  public static Launcher current() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.isBlank())
        .map(e -> Path.of(e).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
    return new Launcher(java, cp);
  }

  /** {@code java <jvmFlags> -cp <classPath> io.vescollector.cli.Main <args>}. */
  public List<String> command(List<String> jvmFlags, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(classPath);
    command.add(MAIN);
    command.addAll(args);
    return command;
  }
}
