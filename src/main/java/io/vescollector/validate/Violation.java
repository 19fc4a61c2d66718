package io.vescollector.validate;

/** One reason an event is invalid: where (a JSON pointer into the request body) and why. */
public record Violation(String pointer, String message) {
  @Override
  public String toString() {
    return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
  }
}
