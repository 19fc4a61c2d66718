package io.vescollector.publish;

/**
 * Copies a slice of JSON text without the whitespace between its tokens, so that an event spliced from
 * a pretty-printed body is still one compact line. Strings are copied byte for byte (their escapes and
 * UTF-8 as the sender wrote them). Runs between whitespace are copied whole: a compact event is one
 * {@code arraycopy}.
 */
final class CompactCopy {
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
    while (true) {
      byte b = src[i];
      if (b == '"') {
        return i + 1;
      }
      i += b == '\\' ? 2 : 1;
    }
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }
}
