package io.vescollector.parse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.node.ValueNode;

/**
 * Node factory that refuses numbers a double cannot hold ({@code 1e400} parses to infinity). Such a
 * value would be written to Kafka as {@code Infinity}, which is not JSON, so it is refused while
 * parsing, where it costs nothing extra.
 */
final class FiniteNumberNodes extends JsonNodeFactory {
  static final FiniteNumberNodes INSTANCE = new FiniteNumberNodes();

  /** Thrown from inside Jackson's tree building; the parser turns it into 400 SVC0002. */
  static final class OutOfRange extends RuntimeException {
    OutOfRange(String message) {
      super(message, null, false, false);
    }
  }

  private FiniteNumberNodes() {
    super(false);
  }

  @Override
  public NumericNode numberNode(double v) {
    if (!Double.isFinite(v)) {
      throw new OutOfRange(Double.toString(v));
    }
    return super.numberNode(v);
  }

  @Override
  public NumericNode numberNode(float v) {
    if (!Float.isFinite(v)) {
      throw new OutOfRange(Float.toString(v));
    }
    return super.numberNode(v);
  }

  @Override
  public ValueNode numberNode(Double value) {
    if (value != null && !Double.isFinite(value)) {
      throw new OutOfRange(value.toString());
    }
    return super.numberNode(value);
  }
}
