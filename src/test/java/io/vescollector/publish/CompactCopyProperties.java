package io.vescollector.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vescollector.testkit.Reformat;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Compacting JSON text that had whitespace put between its tokens gives back the compact text, byte for
 * byte, whatever the strings hold: quotes, backslashes, whitespace and multi-byte characters at every
 * position relative to the eight-byte words the copy scans.
 */
class CompactCopyProperties {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] PIECES = {"a", "\"", "\\", " ", "\n", "\t", "\\\"", "é", "\u20ac", "\ud83d\ude00", "\u0001", "{", "]", ":", ","};

  @Property(tries = 2000)
  void compactingRestoresTheCompactText(@ForAll long seed) throws Exception {
    Random random = new Random(seed);
    ArrayNode values = JSON.createArrayNode();
    for (int n = random.nextInt(6); n >= 0; n--) {
      StringBuilder text = new StringBuilder();
      for (int length = random.nextInt(24); length > 0; length--) {
        text.append(PIECES[random.nextInt(PIECES.length)]);
      }
      if (random.nextBoolean()) {
        values.add(text.toString());
      } else {
        values.addObject().put(text.toString(), random.nextInt());
      }
    }
    byte[] compact = JSON.writeValueAsBytes(values);
    byte[] spaced = Reformat.withWhitespace(compact, random);
    int offset = random.nextInt(8); // the slice need not start on a word boundary of its array
    byte[] source = new byte[offset + spaced.length];
    System.arraycopy(spaced, 0, source, offset, spaced.length);

    byte[] out = new byte[spaced.length];
    int end = CompactCopy.copy(source, offset, source.length, out, 0);

    assertEquals(new String(compact, StandardCharsets.UTF_8), new String(out, 0, end, StandardCharsets.UTF_8));
  }
}
