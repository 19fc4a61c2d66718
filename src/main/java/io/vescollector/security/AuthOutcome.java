package io.vescollector.security;

/**
 * How the collector answered one request's credentials, as counted in its metrics. The tags are fixed
 * words: a wrong password and a name without a user share one reason, so that the metrics do not tell
 * user names apart any more than the answers do.
 */
public enum AuthOutcome {
  ACCEPTED_CERTIFICATE("accepted", "certificate"),
  /** A password checked with bcrypt. */
  ACCEPTED_PASSWORD("accepted", "password"),
  /** A user and password verified before, found by digest without bcrypt. */
  ACCEPTED_REMEMBERED("accepted", "remembered"),
  REFUSED_NO_CREDENTIALS("refused", "no_credentials"),
  /** Not Basic base64 of user:password. */
  REFUSED_MALFORMED("refused", "malformed"),
  /** A wrong password, or a name without a user. */
  REFUSED_WRONG_CREDENTIALS("refused", "wrong_credentials"),
  /** Longer than bcrypt reads (72 bytes): refused without a check. */
  REFUSED_PASSWORD_TOO_LONG("refused", "password_too_long"),
  /** No client certificate, or a subject that is not allowed. */
  REFUSED_CERTIFICATE("refused", "certificate"),
  /** 429: the client address has failed too often in the window. */
  THROTTLED("throttled", "address_failures"),
  /** 503: the bcrypt pool's queue is full. */
  BUSY("busy", "bcrypt_queue_full");

  private final String outcome;
  private final String reason;

  AuthOutcome(String outcome, String reason) {
    this.outcome = outcome;
    this.reason = reason;
  }

  public String outcome() {
    return outcome;
  }

  public String reason() {
    return reason;
  }
}
