package dev.poststride.webhook;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One webhook attempt: checks where the URL leads (refused before any connection for a private address), then POSTs
 * the signed event to exactly the address it checked (Vert.x connects to that address while the Host header, SNI
 * and certificate check use the URL's host name), with timeouts, no redirects, and only the first bytes of the
 * answer read.
 */
@ApplicationScoped
class WebhookSender {

    /** What an attempt came to; {@code outcome} is one of the delivery log's. */
    record Result(String outcome, Integer statusCode, String error, String excerpt) {

        boolean delivered() {
            return "delivered".equals(outcome);
        }
    }

    /** A signed message: its id, its time (seconds) and body, and the secrets to sign with. */
    record Message(String id, long timestampSeconds, String body, List<String> secrets) {
    }

    static final int EXCERPT_BYTES = 1000;
    static final String USER_AGENT = "PostStride-Webhooks/1.0";

    private final HttpClient http;
    private final AddressPolicy addresses;
    private final WebhookConfig config;

    WebhookSender(Vertx vertx, WebhookConfig config, AddressPolicy addresses) {
        this.config = config;
        this.addresses = addresses;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                                                   .setConnectTimeout((int) config.connectTimeout().toMillis())
                                                   .setForceSni(true).setVerifyHost(true).setKeepAlive(false));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    Result send(String url, Message message) {
        AddressPolicy.Destination destination;
        try {
            destination = addresses.resolve(url);
        } catch (AddressPolicy.Refused refused) {
            return new Result("refused", null, "The URL " + refused.getMessage() + "; nothing was sent.", null);
        }
        String path = destination.uri().getRawPath() == null || destination.uri().getRawPath().isEmpty() ? "/"
                : destination.uri().getRawPath();
        if (destination.uri().getRawQuery() != null) {
            path += "?" + destination.uri().getRawQuery();
        }
        String host = destination.uri().getHost();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(destination.port(),
                                                           destination.address().getHostAddress()))
                .setHost(host).setPort(destination.port()).setSsl(destination.tls()).setURI(path)
                .setFollowRedirects(false).setTimeout(config.timeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", USER_AGENT)
                .putHeader("webhook-id", message.id())
                .putHeader("webhook-timestamp", Long.toString(message.timestampSeconds()))
                .putHeader("webhook-signature", WebhookSignature.header(message.secrets(), message.id(),
                                                                         message.timestampSeconds(), message.body()));
        CompletableFuture<Result> answer = new CompletableFuture<>();
        http.request(options)
                .compose(request -> request.send(Buffer.buffer(message.body())))
                .onSuccess(response -> {
                    Buffer excerpt = Buffer.buffer();
                    response.handler(chunk -> {
                        int room = EXCERPT_BYTES - excerpt.length();
                        if (room > 0) {
                            excerpt.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
                        }
                        if (excerpt.length() >= EXCERPT_BYTES && !answer.isDone()) {
                            answer.complete(result(response.statusCode(), excerpt));
                            response.request().reset();
                        }
                    });
                    response.endHandler(end -> answer.complete(result(response.statusCode(), excerpt)));
                    response.exceptionHandler(e -> answer.complete(result(response.statusCode(), excerpt)));
                })
                .onFailure(e -> answer.complete(failure(e)));
        try {
            return answer.get(config.timeout().plus(config.connectTimeout()).plusSeconds(1).toMillis(),
                              TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Result("timeout", null, "No answer within " + config.timeout().toSeconds() + " s.", null);
        } catch (ExecutionException e) {
            return failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result("network_error", null, "Interrupted while sending.", null);
        }
    }

    private static Result result(int status, Buffer excerpt) {
        String text = excerpt.toString(StandardCharsets.UTF_8);
        String shown = text.isEmpty() ? null : text;
        if (status >= 200 && status < 300) {
            return new Result("delivered", status, null, shown);
        }
        return new Result("http_error", status, "HTTP " + status, shown);
    }

    private static Result failure(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        boolean timeout = e instanceof java.util.concurrent.TimeoutException
                          || e instanceof io.netty.channel.ConnectTimeoutException
                          || e.getClass().getSimpleName().contains("Timeout")
                          || message.toLowerCase(java.util.Locale.ROOT).contains("timeout");
        String shown = message.length() > 300 ? message.substring(0, 297) + "..." : message;
        return new Result(timeout ? "timeout" : "network_error", null, shown, null);
    }
}
