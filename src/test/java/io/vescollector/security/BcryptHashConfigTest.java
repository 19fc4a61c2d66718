package io.vescollector.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vescollector.config.ConfigKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

/**
 * What configuration loading can tell from hashes alone (it never sees a password): a cost bcrypt
 * cannot check is refused; cheap hashes, very costly ones and users of different costs are warned
 * about; warnings never show a hash. The 72-byte limit is counted in UTF-8.
 */
class BcryptHashConfigTest {
  private static final String COST_10 = OpenBSDBCrypt.generate("2b", "a".toCharArray(), new byte[16], 10);

  private static String withCost(int cost) {
    return COST_10.substring(0, 4) + String.format("%02d", cost) + COST_10.substring(6);
  }

  @Test
  void usersOfTheDefaultCostRaiseNoWarning() {
    assertEquals(List.of(), BcryptHashes.check(ConfigKeys.AUTH_USERS, Map.of("a", COST_10, "b", COST_10)));
  }

  @Test
  void cheapCostlyAndMixedHashesAreWarnedAbout() {
    List<String> cheap = BcryptHashes.check(ConfigKeys.AUTH_USERS, Map.of("a", withCost(8)));
    assertEquals(1, cheap.size(), cheap.toString());
    assertTrue(cheap.get(0).contains("[a]") && cheap.get(0).contains("below 10"), cheap.get(0));

    List<String> costly = BcryptHashes.check(ConfigKeys.AUTH_USERS, Map.of("b", withCost(15)));
    assertEquals(1, costly.size(), costly.toString());
    assertTrue(costly.get(0).contains("above 14"), costly.get(0));

    List<String> mixed = BcryptHashes.check(ConfigKeys.AUTH_USERS, Map.of("a", withCost(10), "b", withCost(12)));
    assertEquals(1, mixed.size(), mixed.toString());
    assertTrue(mixed.get(0).contains("[10, 12]") && mixed.get(0).contains("[a]"), mixed.get(0));
    for (String w : List.of(cheap.get(0), costly.get(0), mixed.get(0))) {
      assertFalse(w.contains(COST_10.substring(7)), "no hash in a warning: " + w);
    }
  }

  @Test
  void aCostBcryptCannotCheckIsRefused() {
    for (int cost : List.of(3, 32, 99)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> BcryptHashes.check(ConfigKeys.AUTH_USERS, Map.of("a", withCost(cost))));
      assertTrue(e.getMessage().contains("auth.users.a") && e.getMessage().contains("4..31"), e.getMessage());
    }
  }

  @Test
  void passwordLengthIsCountedInUtf8Bytes() {
    for (String s : List.of("", "abc", "é", "€", "\uD83D\uDE00", "a€é\uD83D\uDE00z")) {
      assertEquals(s.getBytes(StandardCharsets.UTF_8).length, BcryptHashes.utf8Length(s), s);
    }
    assertFalse(BcryptHashes.tooLong("x".repeat(72)));
    assertTrue(BcryptHashes.tooLong("x".repeat(73)));
    assertTrue(BcryptHashes.tooLong("€".repeat(25)), "25 characters, 75 bytes");
    assertThrows(IllegalArgumentException.class, () -> BcryptHashes.hash("x".repeat(73).toCharArray()));
  }
}
