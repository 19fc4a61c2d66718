package io.vescollector.streaming.bus;

import io.vescollector.streaming.target.StreamingTarget;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The simulated MnS producer's HTTP server for the message-bus path: the session API under
 * {@code {root}/StreamingDataReportingMnS/{v<digits>}/sessions}.
 */
public final class SessionServer implements AutoCloseable {
  private final HttpServer server;
  private final SessionEndpoint sessions;

  private SessionServer(HttpServer server, SessionEndpoint sessions) {
    this.server = server;
    this.sessions = sessions;
  }

  /** Listens on {@code host:port} (0 = any free port); blocks until it does. */
  public static SessionServer start(Vertx vertx, String host, int port, String root, SessionEndpoint sessions) {
    Router router = Router.router(vertx);
    String base = root + "/StreamingDataReportingMnS/:version/sessions";
    router.route(root + "/StreamingDataReportingMnS/:version/*").handler(StreamingTarget::checkVersion);
    router.post(base).handler(BodyHandler.create(false).setBodyLimit(1 << 20)).handler(sessions::create);
    router.get(base).handler(sessions::list);
    router.get(base + "/:sessionId").handler(sessions::get);
    router.delete(base + "/:sessionId").handler(sessions::delete);
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(port, host).await();
    return new SessionServer(server, sessions);
  }

  public int port() {
    return server.actualPort();
  }

  public SessionEndpoint sessions() {
    return sessions;
  }

  @Override
  public void close() {
    sessions.close();
    server.close().await();
  }
}
