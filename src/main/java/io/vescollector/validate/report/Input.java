package io.vescollector.validate.report;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where documents come from: a file, or standard input. Opened only when its turn comes, so a
 * directory of thousands of files never holds more than a few of them in memory.
 */
public interface Input {
  /** How the input is named in reports: the path, or {@code <stdin>}. */
  String name();

  InputStream open() throws IOException;
}
