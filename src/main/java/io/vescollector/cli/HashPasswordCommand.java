package io.vescollector.cli;

import io.vescollector.security.Authenticator;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code hash-password}: prints the bcrypt hash of a password for {@code auth.users}. The password is
 * read from the terminal without echo, or from the first line of standard input; never from the
 * command line, where it would end up in the shell history and the process list.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
    description = "Print the bcrypt hash of a password (read from the terminal or stdin) for auth.users.")
public final class HashPasswordCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    char[] password;
    Console console = System.console();
    if (console != null) {
      password = console.readPassword("Password: ");
    } else {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      password = line == null ? null : line.toCharArray();
    }
    if (password == null || password.length == 0) {
      System.err.println("No password given");
      return 2;
    }
    System.out.println(Authenticator.hash(password));
    java.util.Arrays.fill(password, '\0');
    return 0;
  }
}
