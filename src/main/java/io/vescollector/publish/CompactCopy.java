package io.vescollector.publish;

/**
 * Copies a slice of JSON text without the whitespace between its tokens, so that an event spliced from
 * a pretty-printed body is still one compact line. Strings are copied byte for byte (their escapes and
 * UTF-8 as the sender wrote them).
 */
final class CompactCopy {
  private CompactCopy() {}

  /**
   * Copies {@code src[from, to)}, which must start and end outside a string, into {@code dst} at
   * {@code at}; returns the offset just past what was written.
   */
  static int copy(byte[] src, int from, int to, byte[] dst, int at) {
    boolean inString = false;
    boolean escaped = false;
    for (int i = from; i < to; i++) {
      byte b = src[i];
      if (inString) {
        dst[at++] = b;
        if (escaped) {
          escaped = false;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        dst[at++] = b;
        inString = b == '"';
      }
    }
    return at;
  }
}
