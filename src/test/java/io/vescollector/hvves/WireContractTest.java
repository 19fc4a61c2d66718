package io.vescollector.hvves;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.RuntimeVersion;
import io.vescollector.hvves.proto.Perf3gppFields;
import io.vescollector.hvves.proto.VesEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The project's .proto files against the reference ones in ../shared/refdata/hv-ves, compiled here with
 * protoc into descriptors read by {@link DynamicMessage}: every field has the same number, type and oneof,
 * and every field, each oneof alternative included, crosses both ways with its value intact. Skips, saying
 * why, where ../shared or protoc is absent.
 */
class WireContractTest {
  private static final Path REFERENCE = Path.of("..", "shared", "refdata", "hv-ves");
  private static final List<String> FILES = List.of("VesEvent.proto", "MeasDataCollection.proto", "Perf3gppFields.proto");
  private static Map<String, Descriptor> reference;

  @BeforeAll
  static void compileTheReference() throws Exception {
    Assumptions.assumeTrue(FILES.stream().allMatch(f -> Files.isRegularFile(REFERENCE.resolve(f))),
        REFERENCE.toAbsolutePath().normalize() + " is absent (a plain clone without ../shared): the wire contract is not checked");
    Path protoc = protoc();
    Assumptions.assumeTrue(protoc != null, "no protoc " + RuntimeVersion.MAJOR + "." + RuntimeVersion.MINOR + "."
        + RuntimeVersion.PATCH + " in target/protoc-plugins or ~/.m2: the wire contract is not checked");
    Path out = Files.createDirectories(Path.of("target", "hv-ves-reference"));
    Path set = out.resolve("reference.desc");
    List<String> command = new ArrayList<>(List.of(protoc.toString(), "--include_imports",
        "--descriptor_set_out=" + set, "-I" + REFERENCE));
    command.addAll(FILES);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "protoc did not finish");
    assertEquals(0, process.exitValue(), "protoc failed on the reference files: " + output);
    reference = messages(FileDescriptorSet.parseFrom(Files.readAllBytes(set)));
  }

  @Test
  void everyReferenceFieldHasTheSameNumberTypeAndOneofHere() {
    List<String> problems = new ArrayList<>();
    sameShape(reference.get("VesEvent"), VesEvent.getDescriptor(), problems);
    sameShape(reference.get("Perf3gppFields"), Perf3gppFields.getDescriptor(), problems);
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void bytesWrittenByTheReferenceAreReadHereFieldByFieldAndWrittenBackUnchanged() throws Exception {
    for (Descriptor type : List.of(reference.get("VesEvent"), reference.get("Perf3gppFields"))) {
      for (int variant = 0; variant < variants(type); variant++) {
        DynamicMessage theirs = (DynamicMessage) fill(DynamicMessage.newBuilder(type), variant).build();
        Message ours = ourParser(type).parseFrom(theirs.toByteArray());
        sameValues(theirs, ours, type.getName());
        assertEquals(theirs, DynamicMessage.parseFrom(type, ours.toByteArray()),
            type.getName() + " variant " + variant + " changed on its way back");
      }
    }
  }

  @Test
  void bytesWrittenHereAreReadByTheReferenceFieldByFieldAndWrittenBackUnchanged() throws Exception {
    for (Message.Builder builder : List.of(VesEvent.newBuilder(), Perf3gppFields.newBuilder())) {
      Descriptor type = reference.get(builder.getDescriptorForType().getName());
      for (int variant = 0; variant < variants(type); variant++) {
        Message ours = fill(builder.clone().clear(), variant).build();
        DynamicMessage theirs = DynamicMessage.parseFrom(type, ours.toByteArray());
        sameValues(ours, theirs, type.getName());
        assertEquals(ours, ourParser(type).parseFrom(theirs.toByteArray()),
            type.getName() + " variant " + variant + " changed on its way back");
      }
    }
  }

  @Test
  void perf3gppFieldsNestedInAnEventSurviveTheReferenceDecoding() throws Exception {
    Message fields = fill(Perf3gppFields.newBuilder(), 1).build();
    VesEvent event = ((VesEvent.Builder) fill(VesEvent.newBuilder(), 0)).setEventFields(fields.toByteString()).build();
    DynamicMessage theirs = DynamicMessage.parseFrom(reference.get("VesEvent"), event.toByteArray());
    ByteString inner = (ByteString) theirs.getField(reference.get("VesEvent").findFieldByName("eventFields"));
    DynamicMessage theirFields = DynamicMessage.parseFrom(reference.get("Perf3gppFields"), inner);
    sameValues(fields, theirFields, "Perf3gppFields");
    assertEquals("perf3gppFieldsVersion", theirFields.getDescriptorForType().findFieldByNumber(1).getName());
  }

  // --- the reference's descriptors ---

  private static Map<String, Descriptor> messages(FileDescriptorSet set) throws DescriptorValidationException {
    Map<String, FileDescriptor> built = new HashMap<>();
    Map<String, Descriptor> out = new HashMap<>();
    for (FileDescriptorProto file : set.getFileList()) { // --include_imports lists dependencies first
      List<FileDescriptor> deps = file.getDependencyList().stream().map(built::get).toList();
      FileDescriptor fd = FileDescriptor.buildFrom(file, deps.toArray(new FileDescriptor[0]));
      built.put(file.getName(), fd);
      fd.getMessageTypes().forEach(m -> out.put(m.getName(), m));
    }
    return out;
  }

  /** The protoc the build extracted, or the one in the local Maven repository of protobuf-java's version. */
  private static Path protoc() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("mac") ? "osx" : "linux";
    String arch = System.getProperty("os.arch").matches("aarch64|arm64") ? "aarch_64" : "x86_64";
    String version = RuntimeVersion.MAJOR + "." + RuntimeVersion.MINOR + "." + RuntimeVersion.PATCH;
    String name = "protoc-" + version + "-" + os + "-" + arch + ".exe";
    for (Path candidate : List.of(Path.of("target", "protoc-plugins", name),
        Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "google", "protobuf", "protoc", version, name))) {
      if (Files.isRegularFile(candidate)) {
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
        try {
          Path copy = Files.createDirectories(Path.of("target", "hv-ves-reference")).resolve(name);
          Files.copy(candidate, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          return copy.toFile().setExecutable(true) ? copy : null;
        } catch (IOException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static com.google.protobuf.Parser<? extends Message> ourParser(Descriptor referenceType) {
    return switch (referenceType.getName()) {
      case "VesEvent" -> VesEvent.parser();
      case "Perf3gppFields" -> Perf3gppFields.parser();
      default -> throw new IllegalArgumentException(referenceType.getName());
    };
  }

  // --- shapes ---

  private static void sameShape(Descriptor theirs, Descriptor ours, List<String> problems) {
    String where = theirs.getName();
    Set<Integer> theirNumbers = numbers(theirs);
    if (!theirNumbers.equals(numbers(ours))) {
      problems.add(where + ": field numbers " + theirNumbers + " here " + numbers(ours));
    }
    for (FieldDescriptor t : theirs.getFields()) {
      FieldDescriptor o = ours.findFieldByNumber(t.getNumber());
      if (o == null) {
        continue;
      }
      String field = where + "." + t.getName() + " (" + t.getNumber() + ")";
      if (t.getType() != o.getType() || t.isRepeated() != o.isRepeated() || t.isMapField() != o.isMapField()
          || t.isPacked() != o.isPacked()) {
        problems.add(field + ": " + describe(t) + " here " + describe(o));
      }
      if (!oneofMates(t).equals(oneofMates(o))) {
        problems.add(field + ": in a oneof with " + oneofMates(t) + " here " + oneofMates(o));
      }
      if (t.getType() == FieldDescriptor.Type.ENUM) {
        Set<Integer> theirValues = t.getEnumType().getValues().stream().map(EnumValueDescriptor::getNumber)
            .collect(Collectors.toCollection(TreeSet::new));
        Set<Integer> ourValues = o.getEnumType().getValues().stream().map(EnumValueDescriptor::getNumber)
            .collect(Collectors.toCollection(TreeSet::new));
        if (!theirValues.equals(ourValues)) {
          problems.add(field + ": enum values " + theirValues + " here " + ourValues);
        }
      }
      if (t.getJavaType() == FieldDescriptor.JavaType.MESSAGE && o.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        sameShape(t.getMessageType(), o.getMessageType(), problems);
      }
    }
  }

  private static Set<Integer> numbers(Descriptor d) {
    return d.getFields().stream().map(FieldDescriptor::getNumber).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<Integer> oneofMates(FieldDescriptor f) {
    OneofDescriptor oneof = f.getRealContainingOneof();
    return oneof == null ? Set.of() : oneof.getFields().stream().map(FieldDescriptor::getNumber)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String describe(FieldDescriptor f) {
    return (f.isMapField() ? "map " : f.isRepeated() ? "repeated " : "") + f.getType() + (f.isPacked() ? " packed" : "");
  }

  // --- values ---

  /** How many messages it takes to set each alternative of every oneof once. */
  private static int variants(Descriptor d) {
    int most = 1;
    for (OneofDescriptor oneof : d.getRealOneofs()) {
      most = Math.max(most, oneof.getFieldCount());
    }
    for (FieldDescriptor f : d.getFields()) {
      if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isMapField()) {
        most = Math.max(most, variants(f.getMessageType()));
      }
    }
    return most;
  }

  /** Sets every field to a value no other field has (repeated and map fields to two), and oneof member {@code variant}. */
  private static Message.Builder fill(Message.Builder b, int variant) {
    for (FieldDescriptor f : b.getDescriptorForType().getFields()) {
      OneofDescriptor oneof = f.getRealContainingOneof();
      if (oneof != null && oneof.getFields().indexOf(f) != variant % oneof.getFieldCount()) {
        continue;
      }
      if (f.isMapField()) {
        for (int i = 0; i < 2; i++) {
          Message.Builder entry = b.newBuilderForField(f);
          Descriptor entryType = f.getMessageType();
          entry.setField(entryType.findFieldByNumber(1), "key-" + f.getNumber() + "-" + i);
          entry.setField(entryType.findFieldByNumber(2), "value-" + variant + "-" + i + "-é");
          b.addRepeatedField(f, entry.build());
        }
      } else if (f.isRepeated()) {
        for (int i = 0; i < 2; i++) {
          b.addRepeatedField(f, value(b, f, variant, i));
        }
      } else {
        b.setField(f, value(b, f, variant, 0));
      }
    }
    return b;
  }

  private static Object value(Message.Builder b, FieldDescriptor f, int variant, int index) {
    int n = f.getNumber() * 10 + variant + index * 1000;
    return switch (f.getJavaType()) {
      case STRING -> "text-" + n + "-ü✓";
      case BYTE_STRING -> ByteString.copyFrom(new byte[] {(byte) n, (byte) 0xff, 0, (byte) 0x80});
      case INT -> 0x8000_0000 + n; // above 2^31 as an unsigned 32-bit field
      case LONG -> f.getType() == FieldDescriptor.Type.SINT64 ? -1_000_000_000_000L * n : 0xF000_0000_0000_0000L + n;
      case DOUBLE -> -1.25e300 + n;
      case FLOAT -> 1.5f * n;
      case BOOLEAN -> true;
      case ENUM -> f.getEnumType().getValues().get(1 + (n % (f.getEnumType().getValues().size() - 1)));
      case MESSAGE -> fill(b.newBuilderForField(f), variant + index).build();
    };
  }

  /** Both messages hold the same value under every field number, and neither holds a field the other lacks. */
  private static void sameValues(Message a, Message b, String where) {
    assertTrue(a.getUnknownFields().asMap().isEmpty(), where + ": unknown fields " + a.getUnknownFields());
    assertTrue(b.getUnknownFields().asMap().isEmpty(), where + ": unknown fields " + b.getUnknownFields());
    assertEquals(numbers(a.getDescriptorForType()), numbers(b.getDescriptorForType()), where);
    for (FieldDescriptor fa : a.getDescriptorForType().getFields()) {
      FieldDescriptor fb = b.getDescriptorForType().findFieldByNumber(fa.getNumber());
      assertNotNull(fb, where + " field " + fa.getNumber());
      String field = where + "." + fa.getName();
      if (fa.isRepeated()) {
        assertEquals(a.getRepeatedFieldCount(fa), b.getRepeatedFieldCount(fb), field);
        for (int i = 0; i < a.getRepeatedFieldCount(fa); i++) {
          sameValue(a.getRepeatedField(fa, i), b.getRepeatedField(fb, i), field + "[" + i + "]");
        }
      } else {
        assertEquals(a.hasField(fa), b.hasField(fb), field + " set on one side only");
        if (a.hasField(fa)) {
          sameValue(a.getField(fa), b.getField(fb), field);
        }
      }
    }
  }

  private static void sameValue(Object a, Object b, String where) {
    if (a instanceof Message ma) {
      sameValues(ma, (Message) b, where);
    } else if (a instanceof EnumValueDescriptor ea) {
      assertEquals(ea.getNumber(), ((EnumValueDescriptor) b).getNumber(), where);
    } else if (a == null) {
      fail(where + ": no value");
    } else {
      assertEquals(a, b, where);
    }
  }
}
