package io.vescollector.security;

import static io.vescollector.security.BasicAuthBench.basic;
import static io.vescollector.security.BasicAuthBench.bcryptChecks;
import static io.vescollector.security.BasicAuthBench.outcomes;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vescollector.config.ConfigKeys;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.RawHttp;
import io.vescollector.testkit.TestKafka;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bcrypt runs on a pool of its own with a bounded queue: a check that finds the queue full fails at
 * once (and its request gets 503 SVC1000 with Retry-After), identical checks in flight run once, and
 * the threads end when the collector closes.
 */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
class BcryptPoolTest {
  @RegisterExtension
  static final BasicAuthBench bench = BasicAuthBench.withUsers(Map.of("alice", "alice-pw"));

  @Test
  void aCheckThatFindsTheQueueFullFailsAtOnce() throws Exception {
    AtomicInteger started = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    try (BcryptPool pool = new BcryptPool(1, 1, started::incrementAndGet)) {
      BcryptPool.Check running = pool.check("a", () -> release.await(30, TimeUnit.SECONDS));
      await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 1);
      BcryptPool.Check queued = pool.check("b", () -> true);
      assertEquals(1, pool.queued());
      BcryptPool.Check refused = pool.check("c", () -> true);
      assertTrue(refused.result().isCompletedExceptionally(), "failed before check() returned");
      assertInstanceOf(RejectedExecutionException.class, cause(refused));

      BcryptPool.Check joined = pool.check("a", () -> false);
      assertFalse(joined.started());
      assertSame(running.result(), joined.result(), "the same check in flight is joined, not queued");

      release.countDown();
      assertTrue(running.result().get(10, TimeUnit.SECONDS));
      assertTrue(queued.result().get(10, TimeUnit.SECONDS));
      assertEquals(2, started.get(), "the refused and the joined check never ran");
      assertTrue(pool.check("c", () -> true).result().get(10, TimeUnit.SECONDS), "room again");
    }
  }

  @Test
  void closingStopsTheThreadsAndFailsWhatWaits() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    BcryptPool pool = new BcryptPool(1, 4, () -> { });
    pool.check("a", () -> release.await(30, TimeUnit.SECONDS));
    BcryptPool.Check waiting = pool.check("b", () -> true);
    pool.close();
    assertInstanceOf(RejectedExecutionException.class, cause(waiting));
    release.countDown();
    assertTrue(pool.awaitTermination(10_000));
    assertInstanceOf(RejectedExecutionException.class, cause(pool.check("c", () -> true)));
  }

  /**
   * One thread, one place in the queue, and a hash that takes about a second to check: of eight
   * different guesses sent together, those that find the thread busy and the queue taken get 503.
   */
  @Test
  void aFullQueueIsAnswered503WithRetryAfterAndRunsNoCheck(Vertx vertx, TestKafka kafka) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    String slowHash = OpenBSDBCrypt.generate("2b", "alice-pw".toCharArray(), salt, 14);
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, bench.config(Map.of("alice", slowHash),
        Map.of(ConfigKeys.AUTH_BCRYPT_THREADS.name(), "1", ConfigKeys.AUTH_BCRYPT_QUEUE.name(), "1",
            ConfigKeys.AUTH_MAX_FAILURES_PER_ADDRESS.name(), "0", ConfigKeys.AUTH_MAX_FAILURE_DELAY_MS.name(), "0")))) {
      List<RawHttp.Answer> answers = bench.sendAll(vertx, collector,
          IntStream.range(0, 8).mapToObj(i -> basic("alice", "guess-" + i)).toList());
      List<RawHttp.Answer> busy = answers.stream().filter(a -> a.status() == 503).toList();
      assertFalse(busy.isEmpty(), "the queue was full for some: "
          + answers.stream().map(RawHttp.Answer::status).toList());
      for (RawHttp.Answer a : busy) {
        BasicAuthBench.assertAnswer(503, "SVC1000", a);
        assertEquals("5", a.header("Retry-After"));
      }
      assertEquals(8 - busy.size(), answers.stream().filter(a -> a.status() == 401).count());
      assertEquals(8 - busy.size(), bcryptChecks(collector.registry()), "a 503 ran no check");
      assertEquals(busy.size(), outcomes(collector.registry(), AuthOutcome.BUSY));
      System.gc(); // the queue gauge must not lose its supplier to the collector
      assertEquals(0.0, collector.registry().get("ves_auth_bcrypt_queued").gauge().value(), "nothing waits now");
    }
  }

  @Test
  void theCollectorStopsItsBcryptThreadsWhenItCloses(Vertx vertx, TestKafka kafka) {
    CollectorHarness collector = bench.start(vertx, kafka, Map.of());
    try {
      bench.post(collector, "127.0.0.1", basic("alice", "wrong"));
      assertTrue(bcryptThreads() > 0, "a check ran on a ves-bcrypt thread");
    } finally {
      collector.close();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> bcryptThreads() == 0);
  }

  private static long bcryptThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("ves-bcrypt-")).count();
  }

  private static Throwable cause(BcryptPool.Check check) {
    try {
      check.result().join();
      return null;
    } catch (CompletionException e) {
      return e.getCause();
    }
  }
}
