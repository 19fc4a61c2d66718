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

/** {@code hash-password} prints a bcrypt hash of the password read from stdin, which then verifies. */
class HashPasswordCommandTest {

  @Test
  void printsAHashThatVerifiesThePassword() {
    InputStream in = System.in;
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int code;
    try {
      System.setIn(new ByteArrayInputStream("correct horse:battery\n".getBytes(StandardCharsets.UTF_8)));
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      code = Main.commandLine().execute("hash-password");
    } finally {
      System.setIn(in);
      System.setOut(out);
    }
    assertEquals(0, code);
    String hash = printed.toString(StandardCharsets.UTF_8).trim();
    assertTrue(hash.startsWith("$2b$10$"), hash);
    assertTrue(OpenBSDBCrypt.checkPassword(hash, "correct horse:battery".toCharArray()));
    assertFalse(OpenBSDBCrypt.checkPassword(hash, "correct horse".toCharArray()));
  }
}
