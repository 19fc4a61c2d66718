package io.vescollector.tools.compare;

/** The five ways the same PM data reaches Kafka. */
public enum PathKind {
  VES_SINGLE("VES single", "VES over REST, one event (one cell) per POST"),
  VES_BATCH("VES batch", "VES over REST, one eventBatch (all cells of a producer's period) per POST"),
  WEBSOCKET("3GPP WebSocket", "TS 28.532 streaming over WebSocket, one GPB unit (one cell) per frame"),
  HV_VES("HV-VES", "ONAP's high-volume VES over TCP, one perf3gpp event (all cells of a producer's period) per WTP frame"),
  BUS("3GPP message bus", "streaming over the message bus, producer publishes to Kafka itself");

  private final String label;
  private final String description;

  PathKind(String label, String description) {
    this.label = label;
    this.description = description;
  }

  public String label() {
    return label;
  }

  public String description() {
    return description;
  }

  public boolean throughCollector() {
    return this != BUS;
  }
}
