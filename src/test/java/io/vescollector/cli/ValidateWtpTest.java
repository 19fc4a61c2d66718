package io.vescollector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vescollector.hvves.Perf3gpp;
import io.vescollector.hvves.WtpFrame;
import io.vescollector.hvves.proto.VesEvent;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate --wtp}: a recorded HV-VES stream judged frame by frame as the listener judges it. */
class ValidateWtpTest {

  private static VesEvent event(String source, long sequence) {
    return Perf3gpp.event(source, sequence, 1_764_169_200_000_000L, 15, "ManagedElement=" + source,
        List.of("RRU.PrbUsedDl"), List.of(new Perf3gpp.Cell("NRCellDU=1", new double[] {42})));
  }

  @Test
  void aCleanStreamOfPerf3gppEventsIsValidFrameByFrame(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    stream.writeBytes(WtpFrame.encode(event("gnb-1", 1).toByteArray()));
    stream.writeBytes(WtpFrame.encode(event("gnb-1", 2).toByteArray()));
    Path file = Files.write(dir.resolve("clean.wtp"), stream.toByteArray());

    ValidateCommandTest.Run run = ValidateCommandTest.run("", "--wtp", file.toString());

    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("frame 1 at byte 0"), run.out());
    assertTrue(run.out().contains("valid, to HV_VES_PERF3GPP"), run.out());
    assertTrue(run.out().contains("2 frames: 2 valid, 0 invalid, 0 without a route"), run.out());
  }

  @Test
  void eachBadFrameIsNamedWithItsOffsetAndABrokenStreamSaysWhere(@TempDir Path dir) throws Exception {
    VesEvent good = event("gnb-2", 1);
    VesEvent noEventId = good.toBuilder().setCommonEventHeader(good.getCommonEventHeader().toBuilder().clearEventId()).build();
    VesEvent fault = good.toBuilder().setCommonEventHeader(good.getCommonEventHeader().toBuilder().setDomain("fault")).build();
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    byte[] first = WtpFrame.encode(good.toByteArray());
    stream.writeBytes(first);
    stream.writeBytes(WtpFrame.encode(noEventId.toByteArray()));
    stream.writeBytes(WtpFrame.encode(fault.toByteArray()));
    long brokenAt = stream.size();
    stream.writeBytes(new byte[] {0x55, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0});
    Path file = Files.write(dir.resolve("bad.wtp"), stream.toByteArray());

    ValidateCommandTest.Run run = ValidateCommandTest.run("", "--wtp", "--format", "json", file.toString());

    assertEquals(1, run.exit(), run.out() + run.err());
    List<JsonNode> lines = run.lines();
    assertEquals(4, lines.size(), run.out());
    assertEquals("routed", lines.get(0).path("outcome").asText());
    assertEquals("invalid", lines.get(1).path("outcome").asText());
    assertEquals(first.length, lines.get(1).path("offset").asLong());
    assertTrue(lines.get(1).path("reason").asText().contains("eventId is missing"), lines.get(1).toString());
    assertEquals("unrouted", lines.get(2).path("outcome").asText());
    assertTrue(lines.get(2).path("reason").asText().contains("domain 'fault'"), lines.get(2).toString());
    assertEquals(brokenAt, lines.get(3).path("brokenAt").asLong());
    assertTrue(lines.get(3).path("broken").asText().contains("0x55"), lines.get(3).toString());
  }
}
