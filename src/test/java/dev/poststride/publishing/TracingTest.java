package dev.poststride.publishing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.poststride.support.InjectFakePlatforms;
import dev.poststride.support.OtlpCollector;
import dev.poststride.support.Sql;
import dev.poststride.support.TestEnvironment;
import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With an OTLP endpoint configured, a publish is exported as a span of its own, with the platform call made during
 * it as its child, and the publish's log lines carry its trace id. Without an endpoint tracing stays off (every
 * other test).
 */
@QuarkusTest
@TestProfile(TracingTest.Exporting.class)
class TracingTest {

    /** The service log's lines name their trace id (in JSON logs it is the {@code mdc.traceId} field). */
    public static class Exporting implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.file.format", "%d{HH:mm:ss,SSS} %-5p traceId=%X{traceId} [%c{3.}] (%t) %s%e%n");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OtlpCollector.class));
        }
    }

    @InjectFakePlatforms
    WireMockServer fake;

    @BeforeEach
    void isolate() throws Exception {
        fake.resetAll();
        Sql.cancelOpenTargets();
    }

    @Test
    void aPublishIsExportedAsASpanWithItsPlatformCallAndItsLogLinesCarryItsTraceId() throws Exception {
        XPublishingTest.Account x = XPublishingTest.connectX(fake);
        String text = "Traced " + UUID.randomUUID();
        String postId = XPublishingTest.duePost(x, text, List.of());
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"data\":{\"id\":\"4242\",\"text\":\"" + text + "\"}}")));

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        String target = XPublishingTest.postOf(x, postId).getString("targets[0].id");
        String traceId = awaitTraceIdOfLogLine("Target " + target + " (x) attempt 1: published");
        assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));

        Span publish = awaitSpan(span -> span.getName().equals("publish x")
                                         && target.equals(OtlpCollector.attribute(span, "poststride.target.id")));
        assertThat(HexFormat.of().formatHex(publish.getTraceId().toByteArray())).isEqualTo(traceId);
        assertThat(publish.getParentSpanId().isEmpty()).as("a publish starts its own trace").isTrue();
        assertThat(OtlpCollector.attribute(publish, "poststride.outcome")).isEqualTo("published");
        Span create = awaitSpan(span -> span.getKind() == Span.SpanKind.SPAN_KIND_CLIENT
                                        && span.getTraceId().equals(publish.getTraceId())
                                        && String.valueOf(OtlpCollector.attribute(span, "url.full"))
                                                .endsWith("/x/2/tweets"));
        assertThat(create.getParentSpanId()).as("the platform call is a child of the publish")
                .isEqualTo(publish.getSpanId());
    }

    private static Span awaitSpan(java.util.function.Predicate<Span> wanted) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            Optional<Span> found = OtlpCollector.spans().stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such span reached the collector; it has: " + OtlpCollector.spans().stream()
                .map(s -> s.getName() + " " + s.getAttributesList()).toList());
    }

    /** The trace id on the service log's line with {@code message}. */
    private static String awaitTraceIdOfLogLine(String message) throws Exception {
        // Plain text in the JVM tests (traceId=...), JSON in the packaged binary's log ("traceId":"...").
        Pattern traceId = Pattern.compile("traceId\\W{1,3}([0-9a-f]{32})");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            for (String line : Files.readAllLines(TestEnvironment.SERVICE_LOG)) {
                Matcher matcher = traceId.matcher(line);
                if (line.contains(message) && matcher.find()) {
                    return matcher.group(1);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no log line with '" + message + "' and a trace id in " + TestEnvironment.SERVICE_LOG);
    }
}
