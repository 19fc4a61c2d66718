package io.vescollector.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HexFormat;

/**
 * Where a client's bytes stop being well-formed UTF-8 (RFC 3629, the Unicode standard's table 3-7).
 * Jackson decodes overlong forms ({@code C0 AF} for '/'), and the record value is the sender's own
 * bytes, so without this check such a body would reach Kafka as it came: a poison record for every
 * strict consumer and a classic way around filters. Refused: overlong encodings, UTF-16 surrogates
 * (CESU-8), code points above U+10FFFF, the bytes F5 to FF, stray continuation bytes and truncated
 * sequences.
 *
 * <p>Hand-written rather than the JDK's {@code CharsetDecoder}, which would need a character buffer
 * per body on the hot path; this allocates nothing, and a property test holds it to the JDK
 * decoder's verdicts. ASCII runs are read eight bytes at a time.
 */
public final class Utf8Check {
  /** Reads eight bytes as one long, so that runs of ASCII (most of a VES body) are checked eight at a time. */
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8Check() {}

  /** The offset of the first byte of the first ill-formed sequence in {@code bytes}, or -1 if none. */
  public static int firstMalformedByte(byte[] bytes) {
    int i = 0;
    int n = bytes.length;
    while (i < n) {
      if (i + 8 <= n && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
        i += 8;
        continue;
      }
      int b = bytes[i];
      if (b >= 0) {
        i++;
        continue;
      }
      b &= 0xFF;
      int length;
      int secondMin = 0x80;
      int secondMax = 0xBF;
      if (b < 0xC2) {
        return i; // a continuation byte where a sequence should start, or C0/C1 (always overlong)
      } else if (b < 0xE0) {
        length = 2;
      } else if (b < 0xF0) {
        length = 3;
        if (b == 0xE0) {
          secondMin = 0xA0; // below: overlong
        } else if (b == 0xED) {
          secondMax = 0x9F; // above: a UTF-16 surrogate
        }
      } else if (b < 0xF5) {
        length = 4;
        if (b == 0xF0) {
          secondMin = 0x90; // below: overlong
        } else if (b == 0xF4) {
          secondMax = 0x8F; // above: beyond U+10FFFF
        }
      } else {
        return i;
      }
      if (i + length > n) {
        return i;
      }
      int second = bytes[i + 1] & 0xFF;
      if (second < secondMin || second > secondMax) {
        return i;
      }
      for (int k = 2; k < length; k++) {
        if ((bytes[i + k] & 0xC0) != 0x80) {
          return i;
        }
      }
      i += length;
    }
    return -1;
  }

  /** What is wrong at {@code offset}, for an error message: the offset and up to four bytes from it in hex. */
  public static String describe(byte[] bytes, int offset) {
    int end = Math.min(bytes.length, offset + 4);
    return "byte offset " + offset + " (" + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes, offset, end)
        + (end < bytes.length ? " ..." : "") + ")";
  }
}
