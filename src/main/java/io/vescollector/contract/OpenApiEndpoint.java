package io.vescollector.contract;

import io.vescollector.receive.RouteMount;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code GET /openapi}: the bundled contract, JSON unless the request's Accept prefers YAML
 * ({@code application/yaml}, {@code application/x-yaml} or {@code text/yaml}). Both forms are encoded once.
 * Served without credentials, as health is: the document describes the API and nothing of the deployment,
 * and a client needs it before it has any.
 */
public final class OpenApiEndpoint {
  public static final String PATH = "/openapi";
  private static final Set<String> YAML_TYPES = Set.of("application/yaml", "application/x-yaml", "text/yaml");
  private final Buffer json;
  private final Buffer yaml;

  public OpenApiEndpoint(OpenApiDocument document) {
    this.json = Buffer.buffer(document.jsonBytes());
    this.yaml = Buffer.buffer(document.yamlBytes());
  }

  /** The route, mounted ahead of the listener's authentication. */
  public RouteMount mount() {
    return RouteMount.open(router -> router.get(PATH).handler(this::serve));
  }

  void serve(RoutingContext ctx) {
    boolean asYaml = prefersYaml(ctx.parsedHeaders().accept());
    ctx.response().putHeader("Content-Type", asYaml ? "application/yaml" : "application/json")
        .putHeader("Vary", "Accept")
        .end(asYaml ? yaml : json);
  }

  /** True when the first acceptable type, by weight then order, is a YAML one; JSON otherwise. */
  static boolean prefersYaml(List<MIMEHeader> accept) {
    return accept.stream()
        .filter(h -> h.weight() > 0)
        .sorted(Comparator.comparingDouble(MIMEHeader::weight).reversed())
        .map(h -> (h.component() + "/" + h.subComponent()).toLowerCase(Locale.ROOT))
        .filter(t -> YAML_TYPES.contains(t) || t.equals("application/json") || t.endsWith("/*"))
        .findFirst()
        .map(YAML_TYPES::contains)
        .orElse(false);
  }
}
