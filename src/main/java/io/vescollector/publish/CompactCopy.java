package io.vescollector.publish;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Copies a slice of JSON text without the whitespace between its tokens, so that an event spliced from
 * a pretty-printed body is still one compact line. Strings are copied byte for byte (their escapes and
 * UTF-8 as the sender wrote them). Runs between whitespace are copied whole: a compact event is one
 * {@code arraycopy}.
 */
final class CompactCopy {
  /** Eight bytes at a time: strings are most of an event's bytes. */
  private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long QUOTES = ONES * '"';
  private static final long BACKSLASHES = ONES * '\\';

  private CompactCopy() {}

  /**
   * Copies {@code src[from, to)}, well-formed JSON text that starts and ends outside a string, into
   * {@code dst} at {@code at}; returns the offset just past what was written.
   */
  static int copy(byte[] src, int from, int to, byte[] dst, int at) {
    int run = from;
    int i = from;
    while (i < to) {
      byte b = src[i];
      if (b == '"') {
        i = endOfString(src, i + 1);
      } else if (isWhitespace(b)) {
        System.arraycopy(src, run, dst, at, i - run);
        at += i - run;
        do {
          i++;
        } while (i < to && isWhitespace(src[i]));
        run = i;
      } else {
        i++;
      }
    }
    System.arraycopy(src, run, dst, at, to - run);
    return at + to - run;
  }

  /** The offset just past the closing quote of the string whose contents start at {@code i}. */
  private static int endOfString(byte[] src, int i) {
    for (; i <= src.length - Long.BYTES; i += Long.BYTES) {
      long word = (long) WORDS.get(src, i);
      long found = zeroBytes(word ^ QUOTES) | zeroBytes(word ^ BACKSLASHES);
      if (found != 0) {
        i += Long.numberOfTrailingZeros(found) >>> 3; // the first quote or backslash; exact for the lowest byte
        break;
      }
    }
    while (true) {
      byte b = src[i];
      if (b == '"') {
        return i + 1;
      }
      i += b == '\\' ? 2 : 1;
    }
  }

  /** The high bit of each zero byte of {@code word} (bytes above the lowest zero may be marked falsely). */
  private static long zeroBytes(long word) {
    return (word - ONES) & ~word & HIGH_BITS;
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }
}
