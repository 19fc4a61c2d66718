package io.vescollector.cli;

import io.vescollector.security.BcryptHashes;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code hash-password}: prints the bcrypt hash of a password for {@code auth.users}. The password is
 * read from the terminal without echo, or from the first line of standard input; never from the
 * command line, where it would end up in the shell history and the process list. A password longer
 * than bcrypt reads (72 bytes in UTF-8) is refused: its hash would match any password with the same
 * first 72 bytes, and the collector refuses such passwords anyway.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
    description = "Print the bcrypt hash of a password (read from the terminal or stdin) for auth.users. "
        + "Passwords over 72 bytes (UTF-8) are refused: bcrypt ignores the rest.")
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
    int bytes = BcryptHashes.utf8Length(CharBuffer.wrap(password));
    if (bytes > BcryptHashes.MAX_PASSWORD_BYTES) {
      Arrays.fill(password, '\0');
      System.err.println("The password is " + bytes + " bytes in UTF-8; bcrypt reads only the first "
          + BcryptHashes.MAX_PASSWORD_BYTES + ": choose one of at most " + BcryptHashes.MAX_PASSWORD_BYTES + " bytes");
      return 2;
    }
    System.out.println(BcryptHashes.hash(password));
    Arrays.fill(password, '\0');
    return 0;
  }
}
