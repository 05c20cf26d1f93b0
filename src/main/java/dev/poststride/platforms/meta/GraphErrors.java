package dev.poststride.platforms.meta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poststride.platforms.Outcome;
import dev.poststride.platforms.PlatformHttp.Reply;
import dev.poststride.platforms.PlatformHttp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * Meta's Graph API refusals (Facebook Pages and Instagram, platform-apis.md 3.5 and 4.5) as outcomes: decided by
 * {@code error.code} and {@code error_subcode}, not by the HTTP status, as Meta advises.
 */
public final class GraphErrors {

    /** Graph's codes for "temporarily unable" (platform-apis.md 3.5: 1 unknown error, 2 service unavailable). */
    private static final Set<Integer> TEMPORARY = Set.of(1, 2);
    /** Graph's rate limits: app, user, Page and business-use-case throttling. */
    private static final Set<Integer> THROTTLED = Set.of(4, 17, 32, 341, 613, 80001, 80002);
    private static final Set<Integer> MEDIA_SUBCODES = Set.of(2207052, 2207003, 2207026, 2207005, 2207004, 2207009,
                                                              36003, 36001, 2207023, 2207020, 2207006, 1366046);

    private GraphErrors() {
    }

    /** Whether a Graph answer says "try later" (temporarily unable, or throttled): the one list for Meta's family. */
    public static boolean tryLater(JsonNode body) {
        JsonNode code = body.path("error").path("code");
        return code.isNumber() && (TEMPORARY.contains(code.asInt()) || THROTTLED.contains(code.asInt()));
    }

    /** Meta's answer for a dead token: Graph error 190 (invalid OAuth access token) or 102 (session invalid). */
    public static boolean deadToken(Reply reply) {
        JsonNode code = reply.body().path("error").path("code");
        return code.isNumber() && (code.asInt() == 190 || code.asInt() == 102);
    }

    /** {@code createCall}: a failure of the step that publishes may hide a published post. */
    public static Outcome outcome(Reply reply, boolean createCall, Clock clock) {
        JsonNode error = reply.body().path("error");
        int code = error.path("code").asInt(-1);
        int subcode = error.path("error_subcode").asInt(-1);
        String detail = PlatformHttp.describe(reply) + (code < 0 ? "" : " (code " + code
                                                         + (subcode < 0 ? "" : "/" + subcode) + ")");
        if (subcode == 1404078) {
            return new Outcome.AuthRevoked("the Page requires Page Publishing Authorization, which a Page admin"
                                           + " completes on Facebook: " + detail);
        }
        if (code == 190 || code == 102 || error.path("type").asText().equals("OAuthException")
                                          && reply.status() == 401) {
            return new Outcome.TokenRefused(detail); // confirmed by an identity call before anything is disabled
        }
        if (code == 10 || code >= 200 && code <= 299) {
            return new Outcome.AuthRevoked("a permission is missing: " + detail);
        }
        if (THROTTLED.contains(code) || code == 9 && subcode == 2207042) {
            return new Outcome.RateLimited(regainAt(reply, clock), detail);
        }
        if (code == 506 || subcode == 1366051) {
            return new Outcome.ContentRejected("duplicate_content", "the Page already has a post with exactly this"
                                                                    + " content.");
        }
        if (TEMPORARY.contains(code) || reply.status() >= 500 || code < 0 && !reply.isJson()) {
            return createCall ? new Outcome.OutcomeUnknown("Meta answered " + reply.status() + " " + detail)
                    : new Outcome.Transient(code < 0 ? "http_" + reply.status() : "graph_" + code, detail);
        }
        if (MEDIA_SUBCODES.contains(subcode)) {
            return new Outcome.MediaRejected("graph_" + code + "_" + subcode, detail);
        }
        return new Outcome.ContentRejected("graph_" + code + (subcode < 0 ? "" : "_" + subcode), detail);
    }

    /** {@code estimated_time_to_regain_access} (minutes) from the usage headers, or an hour. */
    private static Instant regainAt(Reply reply, Clock clock) {
        String usage = reply.header("X-Business-Use-Case-Usage");
        if (usage != null) {
            java.util.regex.Matcher minutes = java.util.regex.Pattern
                    .compile("\"estimated_time_to_regain_access\"\\s*:\\s*(\\d+)").matcher(usage);
            long most = 0;
            while (minutes.find()) {
                most = Math.max(most, Long.parseLong(minutes.group(1)));
            }
            if (most > 0) {
                return clock.instant().plus(most, ChronoUnit.MINUTES);
            }
        }
        return clock.instant().plus(1, ChronoUnit.HOURS);
    }
}
