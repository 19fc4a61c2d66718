package io.vescollector.security;

import static io.vescollector.security.BasicAuthBench.assertAnswer;
import static io.vescollector.security.BasicAuthBench.basic;
import static io.vescollector.security.BasicAuthBench.basicBytes;
import static io.vescollector.security.BasicAuthBench.bcryptChecks;
import static io.vescollector.security.BasicAuthBench.outcomes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micrometer.core.instrument.MeterRegistry;
import io.vescollector.config.ConfigKeys;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.RawHttp;
import io.vescollector.testkit.TestKafka;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A name without a user costs what a wrong password does, so answers do not tell user names apart:
 * both run one bcrypt check at the users' cost. Credentials that name nobody, or a password longer
 * than bcrypt reads, are refused without a check whatever the name.
 */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
class EqualCostForUnknownNamesTest {
  private static final String PASSWORD_72 = "p".repeat(70) + "é"; // 72 bytes in UTF-8
  @RegisterExtension
  static final BasicAuthBench bench = BasicAuthBench.withUsers(Map.of("alice", "alice-pw", "carol", PASSWORD_72));

  @Test
  void aWrongPasswordAndANameWithoutAUserEachRunOneBcryptCheck(Vertx vertx, TestKafka kafka) {
    try (CollectorHarness collector = bench.start(vertx, kafka, Map.of())) {
      MeterRegistry metrics = collector.registry();
      String client = "127.0.0.1";
      assertAnswer(401, "POL2000", bench.post(collector, client, basic("alice", "wrong")));
      assertEquals(1, bcryptChecks(metrics), "a wrong password is checked");
      assertAnswer(401, "POL2000", bench.post(collector, client, basic("mallory", "wrong")));
      assertEquals(2, bcryptChecks(metrics), "a name without a user is checked too, against the stand-in hash");
      assertAnswer(401, "POL2000", bench.post(collector, client, basic("", "")));
      assertEquals(3, bcryptChecks(metrics), "an empty name is a name without a user");
      assertEquals(3, outcomes(metrics, AuthOutcome.REFUSED_WRONG_CREDENTIALS), "one reason for both");
    }
  }

  @Test
  void credentialsThatNameNobodyAreRefusedWithoutACheck(Vertx vertx, TestKafka kafka) {
    try (CollectorHarness collector = bench.start(vertx, kafka,
        Map.of(ConfigKeys.AUTH_MAX_FAILURES_PER_ADDRESS.name(), "0"))) {
      MeterRegistry metrics = collector.registry();
      String client = "127.0.0.1";
      assertAnswer(401, "POL2000", bench.post(collector, client, "Basic !!!notbase64"));
      assertAnswer(401, "POL2000", bench.post(collector, client, basicBytes("alice".getBytes(StandardCharsets.UTF_8))));
      assertAnswer(401, "POL2000", bench.post(collector, client, basicBytes(new byte[] {'a', 'l', 'i', 'c', 'e', ':', (byte) 0xC0,
          (byte) 0xAF})));
      assertAnswer(401, "POL2000", bench.post(collector, client, "Bearer abc"));
      assertEquals(0, bcryptChecks(metrics));
      assertEquals(3, outcomes(metrics, AuthOutcome.REFUSED_MALFORMED), "no colon, not base64, not UTF-8");
      assertEquals(1, outcomes(metrics, AuthOutcome.REFUSED_NO_CREDENTIALS));
    }
  }

  @Test
  void aPasswordLongerThan72BytesIsRefusedAndNeverMatchesOnItsFirst72(Vertx vertx, TestKafka kafka) {
    try (CollectorHarness collector = bench.start(vertx, kafka, Map.of())) {
      MeterRegistry metrics = collector.registry();
      String client = "127.0.0.1";
      assertEquals(72, PASSWORD_72.getBytes(StandardCharsets.UTF_8).length);
      String carolHash = bench.users().get("carol");
      assertEquals(true, OpenBSDBCrypt.checkPassword(carolHash, (PASSWORD_72 + "anything").toCharArray()),
          "bcrypt itself ignores what follows the 72nd byte");

      assertAnswer(401, "POL2000", bench.post(collector, client, basic("carol", PASSWORD_72 + "anything")));
      assertAnswer(401, "POL2000", bench.post(collector, client, basic("mallory", PASSWORD_72 + "anything")));
      assertEquals(0, bcryptChecks(metrics), "refused without a check, for a user and a name without one alike");
      assertEquals(2, outcomes(metrics, AuthOutcome.REFUSED_PASSWORD_TOO_LONG));

      assertEquals(202, bench.post(collector, client, basic("carol", PASSWORD_72)).status(), "72 bytes are fine");
    }
  }

  @Test
  void aRightPasswordIsCheckedOnceForRequestsSideBySideAndThenRemembered(Vertx vertx, TestKafka kafka) {
    try (CollectorHarness collector = bench.start(vertx, kafka, Map.of())) {
      MeterRegistry metrics = collector.registry();
      List<RawHttp.Answer> answers = bench.sendAll(vertx, collector,
          Collections.nCopies(8, basic("alice", "alice-pw")));
      answers.forEach(a -> assertEquals(202, a.status(), a.body()));
      assertEquals(1, bcryptChecks(metrics), "requests side by side share one check, later ones find it remembered");
      assertEquals(202, bench.post(collector, "127.0.0.1", basic("alice", "alice-pw")).status());
      assertEquals(1, bcryptChecks(metrics));
      assertEquals(9, outcomes(metrics, AuthOutcome.ACCEPTED_PASSWORD)
          + outcomes(metrics, AuthOutcome.ACCEPTED_REMEMBERED));
    }
  }

  @Test
  void theStandInHashHasTheUsersHighestCostAndMatchesNothing() {
    String cheap = OpenBSDBCrypt.generate("2b", "x".toCharArray(), new byte[16], 4);
    Map<String, String> mixed = Map.of("a", cheap, "b", bench.users().get("alice"));
    assertEquals(10, BcryptHashes.highestCost(mixed));
    assertEquals(10, BcryptHashes.highestCost(Collections.emptyMap()), "the default cost without users");
    for (int cost : List.of(4, 10, 12)) {
      String standIn = BcryptHashes.standIn(cost);
      assertEquals(cost, BcryptHashes.cost(standIn));
      assertFalse(OpenBSDBCrypt.checkPassword(standIn, "".toCharArray()));
      assertFalse(OpenBSDBCrypt.checkPassword(standIn, "alice-pw".toCharArray()));
    }
  }
}
