import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The smallest useful consumer of the collector's topics: prints sourceName, domain and the collector's
 * request id of every event. See docs/RECORD-FORMAT.md for the record format.
 *
 * Run (Java 17 single-file launch, the collector jar gives Kafka and Jackson):
 *   java -cp target/ves-collector.jar samples/consumer/MinimalVesConsumer.java [bootstrap] [topic] [group]
 * Defaults: 127.0.0.1:9092, unauthenticated.SEC_FAULT_OUTPUT, group minimal-ves-consumer.
 */
public class MinimalVesConsumer {
  public static void main(String[] args) throws Exception {
    String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
    String topic = args.length > 1 ? args[1] : "unauthenticated.SEC_FAULT_OUTPUT";
    String group = args.length > 2 ? args[2] : "minimal-ves-consumer";

    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    ObjectMapper json = new ObjectMapper();

    // key = sourceName (UTF-8), value = {"event":{...}} (UTF-8 JSON)
    try (KafkaConsumer<String, byte[]> consumer =
             new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      Runtime.getRuntime().addShutdownHook(new Thread(consumer::wakeup));
      consumer.subscribe(List.of(topic));
      System.err.println("Reading " + topic + " from " + bootstrap + " as group " + group + "; Ctrl-C stops");
      while (true) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
          JsonNode header = json.readTree(record.value()).path("event").path("commonEventHeader");
          Header requestId = record.headers().lastHeader("ves-request-id");
          System.out.printf("%s %s %s%n",
              header.path("sourceName").asText(),          // same as record.key()
              header.path("domain").asText(),              // also in header ves-domain
              requestId == null ? "-" : new String(requestId.value(), StandardCharsets.UTF_8));
        }
      }
    } catch (org.apache.kafka.common.errors.WakeupException stopping) {
      // Ctrl-C
    }
  }
}
