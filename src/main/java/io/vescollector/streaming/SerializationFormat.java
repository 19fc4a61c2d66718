package io.vescollector.streaming;

/** serializationFormat of TS 28.532 streamInfo: how each stream data unit is encoded (there is no JSON). */
public enum SerializationFormat {
  GPB, ASN1
}
