package io.vescollector.security;

/** What authentication reports to the metrics; called from event loops and the bcrypt pool's threads. */
public interface AuthenticationListener {
  /** Reports nothing. */
  AuthenticationListener NONE = new AuthenticationListener() {
    @Override
    public void outcome(AuthOutcome outcome) {
    }

    @Override
    public void bcryptCheck() {
    }

    @Override
    public void failureDelay(long millis) {
    }
  };

  /** One request's credentials answered. */
  void outcome(AuthOutcome outcome);

  /** One bcrypt check started (a user's hash or the stand-in for a name without a user). */
  void bcryptCheck();

  /** A failure answer held back this long because its user name keeps failing. */
  void failureDelay(long millis);
}
