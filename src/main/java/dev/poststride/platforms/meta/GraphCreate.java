package dev.poststride.platforms.meta;

import dev.poststride.platforms.Outcome;
import dev.poststride.platforms.PlatformHttp;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A Graph API call that creates something (a Page post, photo or video; a Facebook or Instagram comment): its
 * answer's {@code post_id} (photos) or {@code id} is what was created; refusals are read as {@link GraphErrors} reads
 * a create call's.
 */
public final class GraphCreate {

    private GraphCreate() {
    }

    public static Outcome send(PlatformHttp http, Clock clock, String what, Supplier<Response> call,
                               Function<String, String> permalinkOf) {
        return http.create(what, call, reply -> {
            if (reply.ok() && !reply.body().has("error")) {
                String id = reply.body().path("post_id").asText(reply.body().path("id").asText(null));
                return id == null ? new Outcome.OutcomeUnknown(what + " answered without an id")
                        : new Outcome.Published(id, permalinkOf.apply(id));
            }
            return GraphErrors.outcome(reply, true, clock);
        });
    }
}
