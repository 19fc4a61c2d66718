package io.vescollector.security;

import java.time.Duration;

/**
 * How much Basic authentication a client may get wrong, and what checking passwords may cost the
 * process: failures per client address in a window (then 429), the bcrypt pool's threads and queue
 * (then 503), and the delay of a user name's failure answers while that name keeps failing.
 *
 * @param maxFailuresPerAddress failures an address may have in {@code failureWindow}; 0 = no limit
 * @param bcryptThreads threads that check passwords (at least 1)
 * @param bcryptQueue checks that may wait for a thread (at least 1); one more is answered 503 at once
 * @param maxFailureDelayMs the longest delay of a failure answer; 0 = failures are answered at once
 */
public record BasicAuthLimits(int maxFailuresPerAddress, Duration failureWindow, int bcryptThreads, int bcryptQueue,
                              long maxFailureDelayMs) {
  /** The delay of a user name's second failure in a window; it doubles with each further one. */
  static final long FIRST_DELAY_MS = 100;

  /**
   * The delay of a failure answer for a user name that has failed {@code failures} times in the current
   * window, this one included: none for the first (a typo), then 100 ms doubling up to the maximum.
   */
  public long failureDelayMs(int failures) {
    if (failures <= 1 || maxFailureDelayMs == 0) {
      return 0;
    }
    int doublings = Math.min(failures - 2, 30);
    return Math.min(maxFailureDelayMs, FIRST_DELAY_MS << doublings);
  }
}
