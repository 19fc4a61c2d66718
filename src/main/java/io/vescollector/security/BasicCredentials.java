package io.vescollector.security;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The user and password of an HTTP Basic {@code Authorization} header (RFC 7617). */
record BasicCredentials(String user, String password) {

  /** True when the header names the Basic scheme (in any case). */
  static boolean isBasic(String header) {
    return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
  }

  /**
   * Reads a Basic header's credentials; the password may contain ':', the user may not.
   *
   * @return null when they are not base64 of {@code user:password} in UTF-8: such a header names no
   *     user, so refusing it at once tells no names apart
   */
  static BasicCredentials parse(String header) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(header.substring(6).trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
    String decoded;
    try {
      // Strict: lenient decoding would turn different invalid bytes into the same password.
      decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    return colon < 0 ? null : new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "BasicCredentials[user=" + user + "]";
  }
}
