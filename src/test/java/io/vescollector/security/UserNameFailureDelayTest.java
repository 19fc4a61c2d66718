package io.vescollector.security;

import static io.vescollector.security.BasicAuthBench.assertAnswer;
import static io.vescollector.security.BasicAuthBench.basic;
import static io.vescollector.security.BasicAuthBench.failureDelays;
import static io.vescollector.security.BasicAuthBench.outcomes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vescollector.config.ConfigKeys;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * While a user name keeps failing, its failure answers are held back longer each time, up to
 * {@code auth.maxFailureDelayMs}, the same for a name without a user. A right password is never held
 * back, and guessing from many addresses does not lock the user out. The delays are read from the
 * {@code ves_auth_failure_delay} timer, which records each one as it is decided.
 */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
class UserNameFailureDelayTest {
  @RegisterExtension
  static final BasicAuthBench bench = BasicAuthBench.withUsers(Map.of("alice", "alice-pw"));

  @Test
  void theDelayDoublesFromTheSecondFailureUpToTheMaximum() {
    BasicAuthLimits limits = new BasicAuthLimits(10, Duration.ofMinutes(5), 1, 1, 1000);
    assertEquals(List.of(0L, 0L, 100L, 200L, 400L, 800L, 1000L, 1000L),
        IntStream.rangeClosed(0, 7).mapToObj(limits::failureDelayMs).toList());
    assertEquals(1000L, limits.failureDelayMs(Integer.MAX_VALUE), "no overflow");
    assertEquals(0L, new BasicAuthLimits(10, Duration.ofMinutes(5), 1, 1, 0).failureDelayMs(9), "0 = never");
  }

  @Test
  void aNameWithoutAUserIsHeldBackExactlyAsAUserIs(Vertx vertx, TestKafka kafka) {
    try (CollectorHarness collector = bench.start(vertx, kafka, Map.of(
        ConfigKeys.AUTH_MAX_FAILURES_PER_ADDRESS.name(), "0", ConfigKeys.AUTH_MAX_FAILURE_DELAY_MS.name(), "300"))) {
      MeterRegistry metrics = collector.registry();
      String client = "127.0.0.1";
      for (int i = 0; i < 4; i++) {
        assertAnswer(401, "POL2000", bench.post(collector, client, basic("alice", "guess-" + i)));
      }
      Timer delays = failureDelays(metrics);
      assertEquals(3, delays.count(), "the 2nd, 3rd and 4th failure of alice");
      assertEquals(100 + 200 + 300, delays.totalTime(TimeUnit.MILLISECONDS));
      for (int i = 0; i < 4; i++) {
        assertAnswer(401, "POL2000", bench.post(collector, client, basic("mallory", "guess-" + i)));
      }
      assertEquals(6, delays.count(), "mallory, who is no user, the same");
      assertEquals(2 * (100 + 200 + 300), delays.totalTime(TimeUnit.MILLISECONDS));
    }
  }

  @Test
  void aRightPasswordIsNeverHeldBackNorLockedOutByGuessesFromManyAddresses(Vertx vertx, TestKafka kafka) {
    try (CollectorHarness collector = bench.start(vertx, kafka, Map.of(
        ConfigKeys.AUTH_MAX_FAILURES_PER_ADDRESS.name(), "2", ConfigKeys.AUTH_MAX_FAILURE_DELAY_MS.name(), "200"))) {
      MeterRegistry metrics = collector.registry();
      for (int host = 2; host <= 6; host++) {
        String attacker = "127.0.0." + host;
        assertAnswer(401, "POL2000", bench.post(collector, attacker, basic("alice", "guess-a-" + host)));
        assertAnswer(401, "POL2000", bench.post(collector, attacker, basic("alice", "guess-b-" + host)));
        assertAnswer(429, "POL0001", bench.post(collector, attacker, basic("alice", "guess-c-" + host)));
      }
      Timer delays = failureDelays(metrics);
      assertEquals(9, delays.count(), "every failure of alice but the first was held back");
      long heldBack = delays.count();

      String alice = "127.0.0.1";
      assertEquals(202, bench.post(collector, alice, basic("alice", "alice-pw")).status(), "alice is not locked out");
      assertEquals(heldBack, delays.count(), "nor held back");
      assertEquals(1, outcomes(metrics, AuthOutcome.ACCEPTED_PASSWORD));

      String oneTypo = "127.0.0.7";
      assertAnswer(401, "POL2000", bench.post(collector, oneTypo, basic("alice", "typo")));
      assertEquals(heldBack + 1, delays.count());
      assertEquals(202, bench.post(collector, oneTypo, basic("alice", "alice-pw")).status(),
          "an address below its limit gets in with the right password after a failure");
      assertEquals(heldBack + 1, delays.count());
    }
  }
}
