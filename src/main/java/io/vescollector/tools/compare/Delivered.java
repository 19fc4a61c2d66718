package io.vescollector.tools.compare;

import java.util.Map;

/** Metric values of one cell and period as a consumer reads them from Kafka, whatever the path. */
public record Delivered(String producerDn, String cellDn, long sendMillis, Map<String, Double> values) {
}
