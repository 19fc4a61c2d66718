package io.vescollector.validate.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an input into chunks of documents: the whole input is one document, or with NDJSON each
 * non-blank line is one. Chunks are what workers take, so one large NDJSON file still keeps every core
 * busy while only a bounded number of chunks is in memory.
 */
final class DocumentReader implements AutoCloseable {
  /** One document and where it starts: 1-based line, used to report positions in the input. */
  record Document(String source, byte[] bytes, long firstLine) {}

  private final Input input;
  private final boolean ndjson;
  private final int chunkSize;
  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private final ByteArrayOutputStream current = new ByteArrayOutputStream(4096);
  private int position;
  private int limit;
  private long line;
  private boolean done;

  DocumentReader(Input input, boolean ndjson, int chunkSize) throws IOException {
    this.input = input;
    this.ndjson = ndjson;
    this.chunkSize = chunkSize;
    this.in = input.open();
  }

  /** The next chunk of documents; empty at the end of the input. */
  List<Document> next() throws IOException {
    if (done) {
      return List.of();
    }
    if (!ndjson) {
      done = true;
      return List.of(new Document(input.name(), in.readAllBytes(), 1));
    }
    List<Document> chunk = new ArrayList<>(chunkSize);
    while (chunk.size() < chunkSize) {
      if (position == limit && !fill()) {
        done = true;
        if (current.size() > 0) {
          addLine(chunk);
        }
        break;
      }
      int newline = indexOf('\n', position, limit);
      if (newline < 0) {
        current.write(buffer, position, limit - position);
        position = limit;
      } else {
        current.write(buffer, position, newline - position);
        position = newline + 1;
        addLine(chunk);
      }
    }
    return chunk;
  }

  private boolean fill() throws IOException {
    limit = in.read(buffer);
    position = 0;
    if (limit < 0) {
      limit = 0;
      return false;
    }
    return true;
  }

  private int indexOf(char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buffer[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private void addLine(List<Document> chunk) {
    line++;
    byte[] bytes = current.toByteArray();
    current.reset();
    if (!blank(bytes)) {
      chunk.add(new Document(input.name() + ":" + line, bytes, line));
    }
  }

  private static boolean blank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
