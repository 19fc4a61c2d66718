package io.vescollector.security;

import static io.vescollector.security.BasicAuthBench.assertAnswer;
import static io.vescollector.security.BasicAuthBench.basic;
import static io.vescollector.security.BasicAuthBench.bcryptChecks;
import static io.vescollector.security.BasicAuthBench.failureDelays;
import static io.vescollector.security.BasicAuthBench.outcomes;
import static io.vescollector.security.BasicAuthBench.statuses;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vescollector.config.ConfigException;
import io.vescollector.config.ConfigKeys;
import io.vescollector.config.SecurityConfigReader;
import io.vescollector.config.SettingsLoader;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.RawHttp;
import io.vescollector.testkit.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client address that has failed Basic authentication {@code auth.maxFailuresPerAddress} times in
 * the window gets 429 POL0001 with Retry-After, and no bcrypt check, until the window ends; other
 * addresses are not affected.
 */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
class AddressFailureLimitTest {
  @RegisterExtension
  static final BasicAuthBench bench = BasicAuthBench.withUsers(Map.of("alice", "alice-pw"));

  @Test
  void pastItsLimitAnAddressGets429WithRetryAfterAndNoCheck(Vertx vertx, TestKafka kafka) {
    try (CollectorHarness collector = bench.start(vertx, kafka, failuresPerAddress(3, 300))) {
      MeterRegistry metrics = collector.registry();
      String attacker = "127.0.0.1";
      for (String guess : List.of("guess-1", "guess-2", "guess-3")) {
        assertAnswer(401, "POL2000", bench.post(collector, attacker, basic("alice", guess)));
      }
      assertEquals(3, bcryptChecks(metrics));

      RawHttp.Answer throttled = bench.post(collector, attacker, basic("alice", "guess-4"));
      assertAnswer(429, "POL0001", throttled);
      long retryAfter = Long.parseLong(throttled.header("Retry-After"));
      assertTrue(retryAfter >= 1 && retryAfter <= 300, "Retry-After is the rest of the window: " + retryAfter);
      assertAnswer(429, "POL0001", bench.post(collector, attacker, basic("mallory", "x")));
      assertAnswer(429, "POL0001", bench.post(collector, attacker, basic("alice", "alice-pw")));
      assertAnswer(429, "POL0001", bench.post(collector, attacker, "Basic !!!"));
      assertEquals(3, bcryptChecks(metrics), "no check past the limit, not even of a right password");
      assertEquals(4, outcomes(metrics, AuthOutcome.THROTTLED));

      double delaysBefore = failureDelays(metrics).count();
      String other = "127.0.0.2";
      assertEquals(202, bench.post(collector, other, basic("alice", "alice-pw")).status(),
          "a right password from an address that is not failing is accepted while alice is guessed at");
      assertEquals(1, outcomes(metrics, AuthOutcome.ACCEPTED_PASSWORD));
      assertEquals(delaysBefore, failureDelays(metrics).count(), "and not held back");
    }
  }

  @Test
  void a429KeepsTheConnectionOfARequestWithoutABodyOrASmallOne(Vertx vertx, TestKafka kafka) throws Exception {
    try (CollectorHarness collector = bench.start(vertx, kafka, failuresPerAddress(1, 300))) {
      assertAnswer(401, "POL2000", bench.post(collector, "127.0.0.1", basic("alice", "typo")));
      String body = "{\"event\":{}}";
      try (RawHttp http = bench.connect(collector, "127.0.0.1")) {
        http.send(RawHttp.head(BasicAuthBench.V7, "Content-Type: application/json", "Content-Length: " + body.length(),
            "Authorization: " + basic("alice", "guess")) + body);
        RawHttp.Answer first = http.read(10_000);
        assertAnswer(429, "POL0001", first);
        assertEquals(null, first.header("Connection"), "kept: the small body is read and dropped");
        http.send("GET /eventListener/v7 HTTP/1.1\r\nHost: x\r\nAuthorization: " + basic("alice", "guess") + "\r\n\r\n");
        assertAnswer(429, "POL0001", http.read(10_000));
        http.send(RawHttp.head(BasicAuthBench.V7, "Content-Type: application/json", "Content-Length: 1000000",
            "Authorization: " + basic("alice", "guess")));
        RawHttp.Answer large = http.read(10_000);
        assertAnswer(429, "POL0001", large);
        assertEquals("close", large.header("Connection"), "a large body is not read: the connection closes");
        assertTrue(http.closedWithin(5_000));
      }
      assertEquals(3, outcomes(collector.registry(), AuthOutcome.THROTTLED));
    }
  }

  @Test
  void guessesSideBySideFromOneAddressRunNoMoreChecksThanItsLimit(Vertx vertx, TestKafka kafka) {
    try (CollectorHarness collector = bench.start(vertx, kafka, Map.of(
        ConfigKeys.AUTH_MAX_FAILURES_PER_ADDRESS.name(), "3", ConfigKeys.AUTH_MAX_FAILURE_DELAY_MS.name(), "0"))) {
      List<RawHttp.Answer> answers = bench.sendAll(vertx, collector,
          IntStream.range(0, 12).mapToObj(i -> basic("alice", "guess-" + i)).toList());
      assertEquals(3, answers.stream().filter(a -> a.status() == 401).count(), statuses(answers));
      assertEquals(9, answers.stream().filter(a -> a.status() == 429).count(), statuses(answers));
      assertEquals(3, bcryptChecks(collector.registry()), "a check is counted against the address before it runs");
    }
  }

  @Test
  void anAddressIsAcceptedAgainWhenItsWindowEnds(Vertx vertx, TestKafka kafka) {
    try (CollectorHarness collector = bench.start(vertx, kafka, failuresPerAddress(1, 2))) {
      String client = "127.0.0.1";
      assertAnswer(401, "POL2000", bench.post(collector, client, basic("alice", "typo")));
      RawHttp.Answer throttled = bench.post(collector, client, basic("alice", "alice-pw"));
      assertAnswer(429, "POL0001", throttled);
      assertTrue(Long.parseLong(throttled.header("Retry-After")) <= 2, throttled.header("Retry-After"));
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
          .until(() -> bench.post(collector, client, basic("alice", "alice-pw")).status() == 202);
    }
  }

  @Test
  void theLimitsComeFromConfigurationWithSaneDefaults() {
    BasicAuthLimits defaults = SecurityConfigReader.basicAuthLimits(new SettingsLoader().load(null, Map.of(), Map.of()));
    assertEquals(10, defaults.maxFailuresPerAddress());
    assertEquals(Duration.ofMinutes(5), defaults.failureWindow());
    assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), defaults.bcryptThreads());
    assertEquals(32, defaults.bcryptQueue());
    assertEquals(4000, defaults.maxFailureDelayMs());
    ConfigException negative = assertThrows(ConfigException.class, () -> SecurityConfigReader.basicAuthLimits(new SettingsLoader()
        .load(null, Map.of(), Map.of(ConfigKeys.AUTH_BCRYPT_QUEUE.name(), "0"))));
    assertTrue(negative.getMessage().contains("auth.bcryptQueue"), negative.getMessage());
  }

  @Test
  void noLimitWhenItIsZero(Vertx vertx, TestKafka kafka) {
    try (CollectorHarness collector = bench.start(vertx, kafka, Map.of(
        ConfigKeys.AUTH_MAX_FAILURES_PER_ADDRESS.name(), "0", ConfigKeys.AUTH_MAX_FAILURE_DELAY_MS.name(), "0"))) {
      String client = "127.0.0.1";
      for (int i = 0; i < 12; i++) {
        assertAnswer(401, "POL2000", bench.post(collector, client, basic("alice", "guess-" + i)));
      }
      assertEquals(0, outcomes(collector.registry(), AuthOutcome.THROTTLED));
    }
  }

  /** At most {@code failures} failed Basic authentications from one address in {@code windowSeconds}. */
  private static Map<String, String> failuresPerAddress(int failures, int windowSeconds) {
    return Map.of(ConfigKeys.AUTH_MAX_FAILURES_PER_ADDRESS.name(), Integer.toString(failures),
        ConfigKeys.AUTH_FAILURE_WINDOW_SECONDS.name(), Integer.toString(windowSeconds));
  }
}
