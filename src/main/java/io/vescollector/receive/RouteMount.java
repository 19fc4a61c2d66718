package io.vescollector.receive;

import io.vertx.ext.web.Router;

/**
 * Adds endpoints to the listener's router beside the VES ones (for example the 3GPP streaming target),
 * so that each feature keeps its endpoint classes in its own package.
 */
@FunctionalInterface
public interface RouteMount {
  void mount(Router router);
}
