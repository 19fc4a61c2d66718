package io.vescollector.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** The producer may be called on an event loop only if it never blocks, whatever the operator sets. */
class ProducerSettingsTest {
  @Test
  void maxBlockIsZeroEvenWhenTheOperatorSetsItAndTheirValueBecomesTheMetadataWait() {
    Map<String, String> overrides = Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2500", ProducerConfig.LINGER_MS_CONFIG, "3");
    Map<String, Object> props = ProducerSettings.forCollector("localhost:9092", "c", 1 << 20, 1 << 20, overrides);
    assertEquals(0, props.get(ProducerConfig.MAX_BLOCK_MS_CONFIG));
    assertEquals("3", props.get(ProducerConfig.LINGER_MS_CONFIG), "other overrides still apply");
    assertEquals(2500, ProducerSettings.metadataWaitMs(overrides));
  }

  @Test
  void withoutAnOverrideTheSenderThreadWaitsTheDefault() {
    assertEquals(ProducerSettings.DEFAULT_METADATA_WAIT_MS, ProducerSettings.metadataWaitMs(Map.of()));
  }

  @Test
  void aMaxBlockThatIsNotANumberIsRefusedWithItsName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProducerSettings.metadataWaitMs(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, "soon")));
    assertEquals("kafka.producer.max.block.ms must be a number of milliseconds, not 'soon'", e.getMessage());
  }
}
