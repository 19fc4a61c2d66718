package io.vescollector.security;

import java.nio.CharBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * What the collector knows about bcrypt hashes: their form and cost, the 72-byte limit on passwords
 * (bcrypt ignores what follows, so a longer password would match on its first 72 bytes), and the
 * stand-in hash that names without a user are checked against so that they cost what a user does.
 */
public final class BcryptHashes {
  /** bcrypt reads at most this many bytes of a password (UTF-8). */
  public static final int MAX_PASSWORD_BYTES = 72;
  /** Below this cost a leaked hash is cheap to brute-force. */
  static final int LOW_COST = 10;
  /** Above this cost one check takes about a second or more (16 times cost 10). */
  static final int HIGH_COST = 14;
  /** The cost of hashes this collector prints. */
  static final int DEFAULT_COST = 10;
  private static final Pattern FORM = Pattern.compile("\\$(2[aby]?)\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");

  private BcryptHashes() {}

  /** True when {@code hash} has the form of a bcrypt hash ({@code $2b$10$} and 53 characters). */
  public static boolean isHash(String hash) {
    return FORM.matcher(hash).matches();
  }

  /** The cost (log2 of the rounds) of a hash of bcrypt's form. */
  public static int cost(String hash) {
    Matcher m = FORM.matcher(hash);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a bcrypt hash");
    }
    return Integer.parseInt(m.group(2));
  }

  /** The length of {@code s} in UTF-8, counted without encoding it; an unpaired surrogate counts as '?'. */
  public static int utf8Length(CharSequence s) {
    int bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        bytes += 1;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** True when bcrypt would ignore part of the password. */
  public static boolean tooLong(CharSequence password) {
    return utf8Length(password) > MAX_PASSWORD_BYTES;
  }

  /** A new hash of {@code password} at the default cost, as the hash-password command prints it. */
  public static String hash(char[] password) {
    if (tooLong(CharBuffer.wrap(password))) {
      throw new IllegalArgumentException("bcrypt uses only the first " + MAX_PASSWORD_BYTES + " bytes of a password");
    }
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return OpenBSDBCrypt.generate("2b", password, salt, DEFAULT_COST);
  }

  /**
   * A hash of a random password nobody knows, at {@code cost}: checking a password against it costs
   * what checking one against a user's hash of that cost does, and never succeeds. Made at cost 4 and
   * relabelled, so that start-up does not pay for the real cost; the check runs at the label's cost.
   */
  public static String standIn(int cost) {
    SecureRandom random = new SecureRandom();
    char[] secret = new char[32];
    for (int i = 0; i < secret.length; i++) {
      secret[i] = (char) ('!' + random.nextInt(94));
    }
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    String cheap = OpenBSDBCrypt.generate("2b", secret, salt, 4);
    return cheap.substring(0, 4) + String.format("%02d", cost) + cheap.substring(6);
  }

  /** The highest cost among the users' hashes (the stand-in's cost), or the default when there are none. */
  public static int highestCost(Map<String, String> users) {
    return users.values().stream().mapToInt(BcryptHashes::cost).max().orElse(DEFAULT_COST);
  }

  /**
   * Refuses hashes bcrypt cannot check (cost outside 4..31) and describes the questionable ones: cheap
   * hashes, very costly ones, and users whose cost is below the highest (a wrong password for such a
   * user is answered sooner than one for a name without a user, which tells the name apart).
   *
   * @param key the configuration key the users are under, for the messages
   * @return one sentence per warning; never contains a hash
   */
  public static List<String> check(String key, Map<String, String> users) {
    Map<Integer, List<String>> byCost = new TreeMap<>();
    users.forEach((user, hash) -> {
      int cost = cost(hash);
      if (cost < 4 || cost > 31) {
        throw new IllegalArgumentException(key + "." + user + ": bcrypt cost " + cost + " is outside 4..31");
      }
      byCost.computeIfAbsent(cost, c -> new ArrayList<>()).add(user);
    });
    List<String> warnings = new ArrayList<>();
    byCost.forEach((cost, names) -> {
      if (cost < LOW_COST) {
        warnings.add(key + ": " + names + " have bcrypt cost " + cost + ", below " + LOW_COST
            + ": a leaked configuration would be cheap to brute-force (print a new hash with hash-password)");
      }
      if (cost > HIGH_COST) {
        warnings.add(key + ": " + names + " have bcrypt cost " + cost + ", above " + HIGH_COST
            + ": each check takes about " + (1 << (cost - LOW_COST)) + " times a cost-" + LOW_COST
            + " check, and names without a user are checked at that cost too");
      }
    });
    if (byCost.size() > 1) {
      int highest = ((TreeMap<Integer, List<String>>) byCost).lastKey();
      List<String> cheaper = byCost.entrySet().stream().filter(e -> e.getKey() < highest)
          .flatMap(e -> e.getValue().stream()).toList();
      warnings.add(key + ": the hashes have different bcrypt costs " + byCost.keySet() + "; names without a user are "
          + "checked at cost " + highest + ", so a wrong password for " + cheaper
          + " is answered sooner and tells those names apart: give every user the same cost");
    }
    return warnings;
  }
}
