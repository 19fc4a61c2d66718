package io.vescollector.security;

/** How VES clients prove who they are ({@code auth.method}). */
public enum AuthMethod {
  NONE, BASIC, CERT, CERTORBASIC;

  public boolean usesCertificates() {
    return this == CERT || this == CERTORBASIC;
  }

  public boolean usesBasic() {
    return this == BASIC || this == CERTORBASIC;
  }
}
