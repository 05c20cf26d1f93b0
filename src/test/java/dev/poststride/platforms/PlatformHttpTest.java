package dev.poststride.platforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTP kit's shapes that adapters share: polling a job, finding a post by its text, reading Retry-After. */
class PlatformHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    private final List<Duration> pauses = new ArrayList<>();
    private final PlatformHttp http = new PlatformHttp((platform, flow) -> "http://localhost", config(3), JSON) {
        @Override
        public void pause(Duration wait) {
            pauses.add(wait);
        }
    };

    @Test
    void aPollLooksAtMostMaxStatusPollsPlusOneTimesAndPausesOnlyBetweenLooks() throws StepFailed {
        List<Integer> looks = new ArrayList<>();
        String result = http.poll(poll -> {
            looks.add(poll);
            return new PlatformHttp.Poll.Again<>(Duration.ofSeconds(poll));
        }, () -> "still running");

        assertThat(result).isEqualTo("still running");
        assertThat(looks).containsExactly(0, 1, 2, 3);
        assertThat(pauses).containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aPollEndsAtTheFirstLookThatDecidesAndPassesItsFailureOn() throws StepFailed {
        assertThat(http.poll(poll -> poll == 1 ? new PlatformHttp.Poll.Done<>("done at " + poll)
                : new PlatformHttp.Poll.Again<>(Duration.ofSeconds(5)), () -> "no")).isEqualTo("done at 1");
        assertThat(pauses).containsExactly(Duration.ofSeconds(5));

        Outcome refused = new Outcome.MediaRejected("processing_failed", "no");
        assertThatThrownBy(() -> http.poll(poll -> {
            throw new StepFailed(refused);
        }, () -> "no")).isInstanceOf(StepFailed.class).satisfies(e -> assertThat(((StepFailed) e).outcome())
                .isEqualTo(refused));
    }

    @Test
    void aPostIsFoundByItsTextAsThePlatformComparesIt() throws Exception {
        JsonNode items = JSON.readTree("[{\"id\": \"1\", \"message\": \"other\"},"
                                       + " {\"id\": \"2\", \"message\": \"  Launch day  \"},"
                                       + " {\"id\": \"3\", \"message\": \"Launch day\"}]");
        assertThat(PlatformHttp.findByText(items, "message", "Launch day", String::strip))
                .map(item -> item.path("id").asText()).contains("2");
        assertThat(PlatformHttp.findByText(items, "message", "Launch", String::strip)).isEmpty();
        assertThat(PlatformHttp.findByText(MissingNode.getInstance(), "message", "Launch day", String::strip))
                .isEmpty();
    }

    @Test
    void retryAfterIsReadInSecondsOrAsAnHttpDate() {
        assertThat(reply(Map.of("Retry-After", "120")).retryAfter(CLOCK))
                .contains(Instant.parse("2026-12-07T12:02:00Z"));
        assertThat(reply(Map.of("retry-after", "Mon, 07 Dec 2026 13:00:00 GMT")).retryAfter(CLOCK))
                .contains(Instant.parse("2026-12-07T13:00:00Z"));
        assertThat(reply(Map.of("Retry-After", "soon")).retryAfter(CLOCK)).isEmpty();
        assertThat(reply(Map.of()).retryAfter(CLOCK)).isEmpty();
        assertThat(reply(Map.of("Retry-After", "-5")).retryAfter(CLOCK)).contains(CLOCK.instant());
    }

    private static PlatformHttp.Reply reply(Map<String, String> headers) {
        MultivaluedHashMap<String, String> all = new MultivaluedHashMap<>();
        headers.forEach(all::add);
        return new PlatformHttp.Reply(429, MissingNode.getInstance(), "", Response.Status.TOO_MANY_REQUESTS, all);
    }

    private static PlatformCallsConfig config(int maxStatusPolls) {
        return new PlatformCallsConfig() {
            @Override
            public Duration connectTimeout() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration readTimeout() {
                return Duration.ofSeconds(1);
            }

            @Override
            public int uploadChunkBytes() {
                return 1024;
            }

            @Override
            public int maxStatusPolls() {
                return maxStatusPolls;
            }

            @Override
            public Duration maxPollWait() {
                return Duration.ofSeconds(30);
            }
        };
    }
}
