package io.vescollector.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerConnection;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.junit5.VertxExtension;
import io.vescollector.testkit.TestCertificates;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answers of an HTTP/2 connection's streams are gathered into one write, on the Vert.x in use: the
 * consolidating handler goes into an HTTP/2 connection's pipeline, and not into an HTTP/1.1 one's. Fails
 * when a Vert.x upgrade no longer gives the connection's pipeline through {@code HttpServerConnection}.
 */
@ExtendWith(VertxExtension.class)
class Http2AnswerFlushesTest {
  @Test
  void anHttp2ConnectionGathersItsFlushesAndAnHttp11OneDoesNot(Vertx vertx, @TempDir Path dir) {
    TestCertificates ca = new TestCertificates(dir, "flush-ca");
    Path[] cert = ca.issue("server", "CN=localhost");
    Map<HttpVersion, Boolean> gathered = new ConcurrentHashMap<>();
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
            .setUseAlpn(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(cert[0].toString())
                .setKeyPath(cert[1].toString())))
        .connectionHandler(connection -> {
          Http2AnswerFlushes.gather(connection);
          gathered.put(connection.protocolVersion(), ((HttpServerConnection) connection).channelHandlerContext()
              .pipeline().get(FlushConsolidationHandler.class) != null);
        })
        .requestHandler(request -> request.response().end("ok"));
    int port = server.listen().await().actualPort();
    for (HttpVersion version : new HttpVersion[] {HttpVersion.HTTP_2, HttpVersion.HTTP_1_1}) {
      HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setUseAlpn(true)
          .setProtocolVersion(version).setTrustOptions(new PemTrustOptions().addCertPath(ca.caFile().toString())));
      assertEquals(version, client.request(HttpMethod.GET, port, "127.0.0.1", "/")
          .compose(request -> request.send()).await().version());
    }
    assertEquals(Map.of(HttpVersion.HTTP_2, true, HttpVersion.HTTP_1_1, false), gathered);
  }
}
