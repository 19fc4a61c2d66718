package io.vescollector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemTrustOptions;
import io.vescollector.FreePort;
import io.vescollector.testkit.TestCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench-noop}, the ceiling {@code bench/wrk} measures against: it takes any body and answers 202. */
class BenchNoopCommandTest {
  @Test
  void everyPostIsAnswered202WithNoBody() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      int port = FreePort.on("127.0.0.1");
      BenchNoopCommand command = new BenchNoopCommand();
      command.host = "127.0.0.1";
      command.port = port;
      BenchNoopCommand.start(vertx, command.options(), 2);
      HttpClient http = HttpClient.newHttpClient();
      for (String body : new String[] {"{\"event\":{}}", "x".repeat(100_000)}) {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/eventListener/v7"))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, answer.statusCode());
        assertEquals("", answer.body());
      }
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void withHttp2ItAnswersOverHttp2NegotiatedThroughAlpn(@TempDir Path dir) {
    Vertx vertx = Vertx.vertx();
    try {
      TestCertificates ca = new TestCertificates(dir, "noop-ca");
      Path[] server = ca.issue("noop", "CN=localhost");
      BenchNoopCommand command = new BenchNoopCommand();
      command.host = "127.0.0.1";
      command.port = FreePort.on("127.0.0.1");
      command.tlsCert = server[0];
      command.tlsKey = server[1];
      command.tlsEngine = "auto";
      command.http2 = true;
      BenchNoopCommand.start(vertx, command.options(), 1);
      HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setUseAlpn(true)
          .setProtocolVersion(HttpVersion.HTTP_2).setTrustOptions(new PemTrustOptions().addCertPath(ca.caFile().toString())));
      HttpClientResponse answer = client.request(HttpMethod.POST, command.port, "127.0.0.1", "/eventListener/v7")
          .compose(request -> request.send("{\"event\":{}}")).await();
      assertEquals(202, answer.statusCode());
      assertEquals(HttpVersion.HTTP_2, answer.version());
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void http2WithoutACertificateIsRefused() {
    BenchNoopCommand command = new BenchNoopCommand();
    command.http2 = true;
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, command::options);
    assertTrue(refused.getMessage().contains("--http2 needs --tls-cert"), refused.getMessage());
  }
}
