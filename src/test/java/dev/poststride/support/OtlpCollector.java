package dev.poststride.support;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An OpenTelemetry collector for the tests: a WireMock server that accepts OTLP over HTTP (protobuf) and keeps what
 * it received, so a test can read the spans the service (JVM or native) exported.
 */
public class OtlpCollector implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    /**
     * One collector for the whole test JVM, never stopped: a test profile's settings can outlive its tests in the
     * packaged-binary runs (quarkusio/quarkus#27996), and a later run that inherits this endpoint then still finds a
     * collector instead of logging failed exports.
     */
    private static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                                                .notifier(new ConsoleNotifier(false)));
            server.start();
            server.stubFor(post(anyUrl()).willReturn(ok()));
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        WireMockServer server = server();
        return Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:" + server.port() + "/v1/traces",
                      "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                      "quarkus.otel.bsp.schedule.delay", "100ms");
    }

    /** Every span exported so far. */
    public static List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        for (var request : server().findAll(postRequestedFor(anyUrl()))) {
            try {
                ExportTraceServiceRequest export = ExportTraceServiceRequest.parseFrom(request.getBody());
                export.getResourceSpansList().forEach(resource -> resource.getScopeSpansList()
                        .forEach(scope -> spans.addAll(scope.getSpansList())));
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("the collector received something that is not OTLP: " + e.getMessage());
            }
        }
        return spans;
    }

    /** The string value of a span's attribute, or null. */
    public static String attribute(Span span, String key) {
        return span.getAttributesList().stream().filter(a -> a.getKey().equals(key))
                .map(a -> a.getValue().hasStringValue() ? a.getValue().getStringValue()
                        : a.getValue().hasIntValue() ? Long.toString(a.getValue().getIntValue()) : null)
                .findFirst().orElse(null);
    }

    @Override
    public void stop() {
        // kept for the JVM's lifetime (see server())
    }
}
