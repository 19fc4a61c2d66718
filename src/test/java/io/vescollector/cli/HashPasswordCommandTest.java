package io.vescollector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

/**
 * {@code hash-password} prints a bcrypt hash of the password read from stdin, which then verifies; a
 * password longer than the 72 bytes bcrypt reads is refused.
 */
class HashPasswordCommandTest {

  @Test
  void printsAHashThatVerifiesThePassword() {
    Run run = run("correct horse:battery");
    assertEquals(0, run.code());
    String hash = run.out().trim();
    assertTrue(hash.startsWith("$2b$10$"), hash);
    assertTrue(OpenBSDBCrypt.checkPassword(hash, "correct horse:battery".toCharArray()));
    assertFalse(OpenBSDBCrypt.checkPassword(hash, "correct horse".toCharArray()));
  }

  @Test
  void refusesAPasswordLongerThan72BytesInUtf8() {
    Run ascii = run("a".repeat(73));
    assertEquals(2, ascii.code());
    assertEquals("", ascii.out(), "no hash printed");
    assertEquals(1, ascii.err().strip().lines().count(), ascii.err());
    assertTrue(ascii.err().contains("73 bytes") && ascii.err().contains("72"), ascii.err());

    Run euros = run("\u20ac".repeat(25)); // 25 characters, 75 bytes
    assertEquals(2, euros.code(), euros.err());
    assertTrue(euros.err().contains("75 bytes"), euros.err());
  }

  @Test
  void acceptsExactly72Bytes() {
    String password = "\u00e9".repeat(36); // 36 characters, 72 bytes
    Run run = run(password);
    assertEquals(0, run.code(), run.err());
    assertTrue(OpenBSDBCrypt.checkPassword(run.out().trim(), password.toCharArray()));
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String stdinLine) {
    InputStream in = System.in;
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    try {
      System.setIn(new ByteArrayInputStream((stdinLine + "\n").getBytes(StandardCharsets.UTF_8)));
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
      int code = Main.commandLine().execute("hash-password");
      return new Run(code, printed.toString(StandardCharsets.UTF_8), errors.toString(StandardCharsets.UTF_8));
    } finally {
      System.setIn(in);
      System.setOut(out);
      System.setErr(err);
    }
  }
}
