package io.vescollector.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Random insignificant whitespace in JSON text, as senders write it: spaces, tabs, CRLF, indentation. */
public final class Reformat {
  private static final String[] GAPS = {"", "", " ", "\n  ", "\t", "\r\n", "  \n    "};

  private Reformat() {}

  /** {@code json} with whitespace of {@code random}'s choosing around every structural character. */
  public static byte[] withWhitespace(byte[] json, Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(json.length * 2);
    boolean inString = false;
    boolean escaped = false;
    gap(out, random);
    for (byte b : json) {
      out.write(b);
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[' || b == ',' || b == ':' || b == '}' || b == ']') {
        gap(out, random);
      }
    }
    return out.toByteArray();
  }

  private static void gap(ByteArrayOutputStream out, Random random) {
    out.writeBytes(GAPS[random.nextInt(GAPS.length)].getBytes(StandardCharsets.UTF_8));
  }
}
