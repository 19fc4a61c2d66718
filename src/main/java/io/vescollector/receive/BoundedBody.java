package io.vescollector.receive;

import io.vescollector.answer.Disconnect;
import io.vescollector.answer.Responder;
import io.vescollector.answer.VesError;
import io.vescollector.answer.VesProblem;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;

/**
 * Reads a request body of at most {@code maxBytes}. A declared Content-Length above the bound is
 * refused before a byte of the body is read; a chunked body is refused the moment it passes the
 * bound. Either way the answer is 413 POL9003 and the connection is closed, so a client cannot make
 * the collector read (or hold) more than the bound. Vert.x's BodyHandler answers 413 too but keeps
 * the connection and drains what follows.
 */
public final class BoundedBody implements Handler<RoutingContext> {
  private final int maxBytes;
  private final Responder responder;
  private final Refused refused;

  /** Told of each refusal after its answer, with what was read of the body (for the rejected-events topic). */
  @FunctionalInterface
  public interface Refused {
    void refused(RoutingContext ctx, VesProblem problem, Buffer readSoFar);
  }

  public BoundedBody(int maxBytes, Responder responder, Refused refused) {
    this.maxBytes = maxBytes;
    this.responder = responder;
    this.refused = refused;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String declared = request.getHeader("Content-Length");
    long length = -1;
    if (declared != null) {
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        length = -1;
      }
      if (length > maxBytes) {
        refuse(ctx, "the request declares " + length + " bytes; at most " + maxBytes + " are accepted", Buffer.buffer());
        return;
      }
    }
    if (request.isEnded()) {
      ((RoutingContextInternal) ctx).setBody(Buffer.buffer());
      ctx.next();
      return;
    }
    Buffer body = Buffer.buffer(length > 0 ? (int) length : 1024);
    boolean[] refused = {false};
    request.handler(chunk -> {
      if (refused[0]) {
        return;
      }
      if (body.length() + chunk.length() > maxBytes) {
        refused[0] = true;
        refuse(ctx, "the request body is larger than " + maxBytes + " bytes", body);
        return;
      }
      body.appendBuffer(chunk);
    });
    request.endHandler(v -> {
      if (!refused[0]) {
        // Internal API, the one BodyHandler uses: makes ctx.body() work for every later handler.
        ((RoutingContextInternal) ctx).setBody(body);
        ctx.next();
      }
    });
    request.exceptionHandler(e -> refused[0] = true);
    request.resume();
  }

  private void refuse(RoutingContext ctx, String why, Buffer readSoFar) {
    Disconnect.prepare(ctx.request());
    VesProblem problem = VesProblem.withText(VesError.POL9003, "Message content size exceeds the allowable limit: %1", why);
    responder.problem(ctx.response(), problem);
    Disconnect.closeSoon(ctx.vertx(), ctx.request());
    refused.refused(ctx, problem, readSoFar);
  }
}
