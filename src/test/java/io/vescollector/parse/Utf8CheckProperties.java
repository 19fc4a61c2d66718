package io.vescollector.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The UTF-8 check gives the JDK's strict decoder's verdict, and the same offset, on any bytes; and
 * the forms an attacker reaches for are refused where they start.
 */
class Utf8CheckProperties {

  @Property(tries = 20_000)
  void agreesWithTheJdkDecoder(@ForAll("mostlyText") byte[] bytes) {
    assertEquals(jdkFirstMalformed(bytes), Utf8Check.firstMalformedByte(bytes), HexFormat.of().formatHex(bytes));
  }

  @Example
  void refusesOverlongSurrogateAndOutOfRangeFormsWhereTheyStart() {
    for (String bad : new String[] {"C0AF", "C080", "E080AF", "F08080AF", "F4908080", "F5808080", "FF", "EDA080EDB080",
        "80", "BF", "C2", "E282", "F09F98"}) {
      byte[] body = HexFormat.of().parseHex("7B2261223A22" + bad + "227D"); // {"a":"<bad>"}
      assertEquals(6, Utf8Check.firstMalformedByte(body), bad);
    }
  }

  @Example
  void acceptsEveryKindOfWellFormedSequence() {
    byte[] text = "ascii é € 😀 \uD7FF \uE000 \uFFFF \uDBFF\uDFFF".getBytes(StandardCharsets.UTF_8);
    assertEquals(-1, Utf8Check.firstMalformedByte(text));
  }

  @Example
  void describesTheOffsetAndTheBytes() {
    byte[] body = HexFormat.of().parseHex("41C0AF4243");
    assertEquals("byte offset 1 (C0 AF 42 43)", Utf8Check.describe(body, 1));
    assertEquals("byte offset 0 (41 C0 AF 42 ...)", Utf8Check.describe(body, 0));
  }

  /**
   * Text with bytes of every class mixed in: ASCII (in runs long enough for the eight-byte path), lead
   * bytes of each length, continuations, invalid.
   */
  @Provide
  Arbitrary<byte[]> mostlyText() {
    Arbitrary<Byte> anyByte = Arbitraries.bytes();
    Arbitrary<Byte> ascii = Arbitraries.bytes().between((byte) 0x20, (byte) 0x7E);
    Arbitrary<Byte> continuation = Arbitraries.integers().between(0x80, 0xBF).map(Integer::byteValue);
    Arbitrary<Byte> lead = Arbitraries.of(0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1,
        0xF3, 0xF4, 0xF5, 0xFF).map(Integer::byteValue);
    Arbitrary<Byte> mixed = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(12, ascii), net.jqwik.api.Tuple.of(4, continuation),
        net.jqwik.api.Tuple.of(2, lead), net.jqwik.api.Tuple.of(1, anyByte));
    return mixed.array(byte[].class).ofMaxSize(64);
  }

  private static int jdkFirstMalformed(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length * 2 + 2);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      return in.position();
    }
    result = decoder.flush(out);
    return result.isError() ? in.position() : -1;
  }
}
