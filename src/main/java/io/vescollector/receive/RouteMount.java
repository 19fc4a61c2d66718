package io.vescollector.receive;

import io.vertx.ext.web.Router;

/**
 * Adds endpoints to the listener's router beside the VES ones (for example the 3GPP streaming target),
 * so that each feature keeps its endpoint classes in its own package.
 */
@FunctionalInterface
public interface RouteMount {
  void mount(Router router);

  /** Whether the listener's authentication runs before these routes; true but for {@link #open} ones. */
  default boolean authenticated() {
    return true;
  }

  /** Routes that need no credentials (as health), mounted ahead of the listener's authentication. */
  static RouteMount open(RouteMount routes) {
    return new RouteMount() {
      @Override
      public void mount(Router router) {
        routes.mount(router);
      }

      @Override
      public boolean authenticated() {
        return false;
      }
    };
  }
}
