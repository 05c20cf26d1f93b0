package dev.poststride.publishing;

import dev.poststride.publishing.PlatformHttp.MaybeSent;
import dev.poststride.publishing.PlatformHttp.NotSent;
import dev.poststride.publishing.PlatformHttp.Reply;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A comment through Meta's Graph API ({@code POST /{object-id}/comments} {@code {message}}, Facebook Pages and
 * Instagram alike): its answer's {@code id} is the comment; refusals are read as {@link GraphErrors} reads them.
 */
public final class GraphComment {

    private GraphComment() {
    }

    public static Outcome post(PlatformHttp http, Clock clock, String what, Supplier<Response> call,
                               Function<String, String> permalinkOf) {
        Reply reply;
        try {
            reply = http.send(what, call);
        } catch (NotSent e) {
            return new Outcome.Transient("unreachable", e.getMessage());
        } catch (MaybeSent e) {
            return new Outcome.OutcomeUnknown(e.getMessage());
        }
        String id = reply.ok() && !reply.body().has("error") ? reply.body().path("id").asText(null) : null;
        if (id != null) {
            return new Outcome.Published(id, permalinkOf.apply(id));
        }
        return reply.ok() ? new Outcome.OutcomeUnknown(what + " answered without an id")
                : GraphErrors.outcome(reply, true, clock);
    }
}
