package io.vescollector.parse;

/**
 * Bounds on what the JSON parser accepts, enforced while parsing so that a hostile body cannot make
 * the collector build a huge or deep tree.
 */
public record JsonLimits(int maxNestingDepth, int maxStringLength, int maxNumberLength) {
  /** The defaults of the parse.* configuration keys: deep enough for every VES domain (about ten levels). */
  public static final JsonLimits DEFAULT = new JsonLimits(64, 1_000_000, 100);
}
