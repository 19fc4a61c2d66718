package io.vescollector.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a rate as {@code 1000} or {@code 1000/s}. */
public final class RateConverter implements ITypeConverter<Double> {
  @Override
  public Double convert(String value) {
    String v = value.trim();
    if (v.endsWith("/s")) {
      v = v.substring(0, v.length() - 2).trim();
    }
    try {
      double rate = Double.parseDouble(v);
      if (rate <= 0) {
        throw new NumberFormatException();
      }
      return rate;
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a positive rate (examples: 500, 500/s)");
    }
  }
}
