package io.vescollector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vescollector.FreePort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

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
}
