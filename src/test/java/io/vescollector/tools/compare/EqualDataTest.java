package io.vescollector.tools.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vescollector.hvves.WtpFrame;
import io.vescollector.streaming.StreamInfo;
import io.vescollector.streaming.StreamRecordFactory;
import io.vescollector.streaming.UnitOrigin;
import io.vescollector.streaming.pm.PmUnitCodec;
import io.vescollector.streaming.pm.gpb.PmStreamUnit;
import io.vescollector.streaming.producer.ProducerPlan;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The five paths carry the same data: one workload, generated once, encoded the five ways the paths
 * send it, decoded back as the consumer does (the GPB unit through the collector's own decoding),
 * gives the same set of (producer, cell, metric, value) and the same send time, period by period.
 */
class EqualDataTest {
  private static final long SENT_AT = 1_764_169_200_123L;
  private final ObjectMapper mapper = new ObjectMapper();
  private final Workload workload = new Workload(new ProducerPlan("eq", 2, 3, 12, 60, 0, 1));
  private final DeliveredDecoder decoder = new DeliveredDecoder(mapper);

  @Test
  void everyPathCarriesTheSameValuesPerPeriod() throws Exception {
    for (long period = 0; period < 3; period++) {
      Set<String> expected = expected(period);
      assertEquals(2 * 3 * 12, expected.size(), "K x C x M distinct values per period");
      assertEquals(expected, vesSingle(period), "VES, one event per POST");
      assertEquals(expected, vesBatch(period), "VES eventBatch");
      assertEquals(expected, webSocket(period), "GPB unit as the collector decodes it");
      assertEquals(expected, bus(period), "message-bus record");
      assertEquals(expected, hvVes(period), "HV-VES record: the VesEvent as sent");
    }
  }

  private Set<String> expected(long period) {
    Set<String> out = new TreeSet<>();
    List<String> names = workload.plan().metricNames();
    for (int k = 0; k < workload.producers(); k++) {
      for (int c = 0; c < workload.cells(); c++) {
        for (int m = 0; m < workload.metrics(); m++) {
          out.add(tuple(workload.plan().producerDn(k), workload.plan().cellDn(k, c), names.get(m),
              workload.value(k, c, period, m), SENT_AT));
        }
      }
    }
    return out;
  }

  private Set<String> vesSingle(long period) throws Exception {
    VesEncoding ves = new VesEncoding(workload);
    return collect(period, r -> decodeInto(ves.single(r, SENT_AT)));
  }

  private Set<String> vesBatch(long period) throws Exception {
    VesEncoding ves = new VesEncoding(workload);
    Set<String> out = new TreeSet<>();
    for (int k = 0; k < workload.producers(); k++) {
      out.addAll(decode(ves.batch(workload.period(k, period), SENT_AT)));
    }
    return out;
  }

  private Set<String> webSocket(long period) throws Exception {
    GpbEncoding gpb = new GpbEncoding(workload);
    PmUnitCodec codec = new PmUnitCodec();
    StreamRecordFactory records = new StreamRecordFactory();
    return collect(period, r -> {
      byte[] frame = gpb.unit(r, SENT_AT).toByteArray();
      StreamInfo stream = workload.plan().streams(mapper, r.producer()).get(r.cell());
      try {
        PmStreamUnit unit = codec.decode(frame, codec.streamIdOf(frame).orElseThrow(), stream.performance());
        UnitOrigin origin = UnitOrigin.connection(workload.plan().producerDn(r.producer()), "c-1");
        return decodeInto(records.performance("t", origin, stream, unit).value());
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  private Set<String> bus(long period) throws Exception {
    BusEncoding bus = new BusEncoding(workload, mapper);
    return collect(period, r -> decodeInto(bus.record("t", r, SENT_AT).value()));
  }

  /** The collector stores the VesEvent as received: the frame's payload is the record's value. */
  private Set<String> hvVes(long period) throws Exception {
    HvVesEncoding hvVes = new HvVesEncoding(workload);
    Set<String> out = new TreeSet<>();
    for (int k = 0; k < workload.producers(); k++) {
      byte[] frame = hvVes.frame(k, period, workload.period(k, period), SENT_AT);
      out.addAll(decode(Arrays.copyOfRange(frame, WtpFrame.HEADER_BYTES, frame.length)));
    }
    return out;
  }

  private Set<String> collect(long period, Function<CellReport, Set<String>> perCell) {
    Set<String> out = new TreeSet<>();
    for (int k = 0; k < workload.producers(); k++) {
      workload.period(k, period).forEach(r -> out.addAll(perCell.apply(r)));
    }
    return out;
  }

  private Set<String> decodeInto(byte[] value) {
    try {
      return decode(value);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private Set<String> decode(byte[] value) throws Exception {
    Set<String> out = new TreeSet<>();
    for (Delivered d : decoder.decode(value)) {
      d.values().forEach((metric, v) -> out.add(tuple(d.producerDn(), d.cellDn(), metric, v, d.sendMillis())));
    }
    return out;
  }

  private static String tuple(String producer, String cell, String metric, double value, long sentAt) {
    return producer + "|" + cell + "|" + metric + "|" + value + "|" + sentAt;
  }
}
