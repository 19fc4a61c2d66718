package io.vescollector.streaming.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.kafka.KafkaClientSettings;
import io.vescollector.streaming.StreamRecordFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The consumer side of the message-bus path: asks a producer for a session that publishes to our
 * Kafka, reads the topic to see that the session's records arrive, and ends the session. Blocking;
 * meant for the {@code stream-session} command and tests.
 */
public final class SessionCheck implements AutoCloseable {

  /** What arrived from the session. */
  public record Result(String session, long records, long values, double seconds) {}

  private static final long CONNECT_RETRY_MS = 500;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper mapper = new ObjectMapper();
  private final String sessionsUrl;
  private final KafkaClientSettings kafka;
  private final String bootstrap;
  private final String topic;
  private final PrintStream out;
  private final Duration producerWait;
  private volatile String session;

  /**
   * @param producerUrl the producer's MnS root (http://host:port[/root]) or its .../sessions URL
   * @param producerWait how long to keep asking while nothing listens at the producer's address: a producer
   *     started just before (in the background, a JVM still starting) is waited for rather than reported missing
   */
  public SessionCheck(String producerUrl, KafkaClientSettings kafka, String topic, PrintStream out, Duration producerWait) {
    String base = producerUrl.replaceAll("/+$", "");
    this.sessionsUrl = base.contains("/StreamingDataReportingMnS/") ? base : base + "/StreamingDataReportingMnS/v1/sessions";
    this.kafka = kafka;
    this.bootstrap = kafka.bootstrapServers();
    this.topic = topic;
    this.out = out;
    this.producerWait = producerWait;
  }

  /** The request this check sends: our broker endpoint and the streams to report. */
  public ObjectNode request(String consumer, ArrayNode streams) {
    ObjectNode req = mapper.createObjectNode();
    req.put("consumer", consumer);
    ObjectNode endpoint = req.putArray("brokerEndpoints").addObject();
    // The producer is told where and by which protocol; credentials of its own are the operator's to give it.
    endpoint.put("bootstrapServers", bootstrap).put("topic", topic)
        .put("securityProtocol", kafka.common().getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT"));
    String mechanism = kafka.common().get(SaslConfigs.SASL_MECHANISM);
    if (mechanism != null && !mechanism.isBlank()) {
      endpoint.put("saslMechanism", mechanism);
    }
    req.set("streams", streams);
    return req;
  }

  /** Establishes the session, counts its records for {@code duration}, ends it. */
  public Result run(ObjectNode request, Duration duration, Duration progressEvery) throws IOException, InterruptedException {
    ensureTopic();
    Map<String, Object> settings = kafka.forConsumer();
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions;
      try {
        partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
            .map(p -> new TopicPartition(topic, p.partition())).toList();
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        throw new IOException("Kafka at " + bootstrap + " did not give the partitions of " + topic + " within 10 s", e);
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // fix the start before the session begins
      session = establish(request);
      out.println("Session established: " + session);
      long start = System.nanoTime();
      long end = start + duration.toNanos();
      long nextProgress = start + progressEvery.toNanos();
      long records = 0;
      long values = 0;
      byte[] mine = session.getBytes(StandardCharsets.UTF_8);
      while (System.nanoTime() < end) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          Header h = r.headers().lastHeader(StreamRecordFactory.HEADER_SESSION);
          if (h != null && Arrays.equals(h.value(), mine)) {
            records++;
            values += mapper.readTree(r.value()).path("values").size();
          }
        }
        if (System.nanoTime() >= nextProgress) {
          double s = (System.nanoTime() - start) / 1e9;
          out.printf("%.0f s: %d records (%d values) from the session on %s%n", s, records, values, topic);
          nextProgress += progressEvery.toNanos();
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      String established = session;
      end();
      return new Result(established, records, values, seconds);
    }
  }

  /** Ends the session if one is open (also from a shutdown hook). */
  public void end() {
    String s = session;
    session = null;
    if (s == null) {
      return;
    }
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(s)).DELETE().timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());
      out.println("Session ended: DELETE answered " + r.statusCode());
    } catch (IOException e) {
      out.println("Ending the session failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** GET of the session resource, for reports. */
  public Optional<JsonNode> read(String sessionUri) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sessionUri)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 200 ? Optional.of(mapper.readTree(r.body())) : Optional.empty();
  }

  private String establish(ObjectNode request) throws IOException, InterruptedException {
    HttpRequest post = HttpRequest.newBuilder(URI.create(sessionsUrl))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build();
    HttpResponse<String> r = send(post);
    String location = r.headers().firstValue("Location").orElse(null);
    if (r.statusCode() != 201 || location == null) {
      throw new IOException("POST " + sessionsUrl + " answered " + r.statusCode() + ": " + r.body());
    }
    return location;
  }

  /** Sends {@code post}, asking again every half second while the connection is refused, for at most {@link #producerWait}. */
  private HttpResponse<String> send(HttpRequest post) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + producerWait.toNanos();
    boolean told = false;
    while (true) {
      try {
        return http.send(post, HttpResponse.BodyHandlers.ofString());
      } catch (ConnectException refused) {
        // The JDK's client reports a refused connection without a message: say what was refused.
        if (System.nanoTime() >= deadline) {
          throw new IOException("no producer at " + sessionsUrl + ": the connection was refused"
              + (told ? " for " + producerWait.toSeconds() + " s" : "")
              + "; is stream-producer --mode bus running and listening there?", refused);
        }
        if (!told) {
          out.println("Waiting for the producer at " + sessionsUrl + " (at most " + producerWait.toSeconds() + " s)");
          told = true;
        }
        TimeUnit.MILLISECONDS.sleep(CONNECT_RETRY_MS);
      } catch (HttpTimeoutException e) {
        throw new IOException("the producer at " + sessionsUrl + " did not answer: " + e.getMessage(), e);
      }
    }
  }

  /** Our topic, created if missing: the consumer owns where it receives. */
  private void ensureTopic() throws InterruptedException, IOException {
    try (Admin admin = Admin.create(kafka.forAdmin())) {
      admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IOException("cannot create topic " + topic + " on " + bootstrap + ": " + e.getCause(), e);
      }
    } catch (TimeoutException e) {
      throw new IOException("Kafka at " + bootstrap + " did not answer in 30 s", e);
    }
  }

  @Override
  public void close() {
    end();
  }
}
