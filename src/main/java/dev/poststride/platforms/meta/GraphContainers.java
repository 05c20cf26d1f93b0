package dev.poststride.platforms.meta;

import dev.poststride.platforms.Outcome;
import dev.poststride.platforms.PlatformHttp;
import dev.poststride.platforms.PlatformHttp.Reply;
import dev.poststride.platforms.StepFailed;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Meta's media containers (Instagram, Threads): made, then processed by Meta (which pulls the media), then published.
 * Each platform names the status field and its reason differently; the steps and the bounded wait are the same.
 *
 * @param platform   "Instagram", "Threads": for messages
 * @param statusField the container's status ({@code status_code} on Instagram, {@code status} on Threads)
 * @param reasonField why a container failed ({@code status} on Instagram, {@code error_message} on Threads)
 */
public record GraphContainers(PlatformHttp http, Clock clock, String platform, String statusField,
                              String reasonField) {

    /** A container's status, as a step (harmless to repeat). */
    @FunctionalInterface
    public interface StatusRead {
        Response read();
    }

    /** A container step (harmless to repeat): its answer, or StepFailed with what Graph's refusal means. */
    public Reply step(String what, Supplier<Response> call) throws StepFailed {
        Reply reply = http.step(what, "media_upload", call);
        if (!reply.ok() || reply.body().has("error")) {
            throw new StepFailed(GraphErrors.outcome(reply, false, clock));
        }
        return reply;
    }

    /** The id of a container a create call answered, or StepFailed when it answered none. */
    public String created(Reply created) throws StepFailed {
        String id = created.body().path("id").asText(null);
        if (id == null) {
            throw new StepFailed(new Outcome.Transient("malformed", platform + " answered a container without an id"));
        }
        return id;
    }

    /** The container's status now ({@code FINISHED}, {@code PUBLISHED}, {@code IN_PROGRESS}, ...). */
    public String status(StatusRead read) throws StepFailed {
        return step(platform + " container status", read::read).body().path(statusField).asText("");
    }

    /**
     * Waits (bounded by {@code max-status-polls}) until Meta has fetched and processed the container's media: its id
     * once {@code FINISHED} (or already {@code PUBLISHED}); {@code media_rejected} with Meta's reason when it is in
     * {@code ERROR} or {@code EXPIRED}, or still processing after the last look.
     */
    public String awaitReady(String id, StatusRead read) throws StepFailed {
        String ready = http.poll(poll -> {
            Reply status = step(platform + " container status", read::read);
            String code = status.body().path(statusField).asText("");
            return switch (code) {
                case "FINISHED", "PUBLISHED" -> new PlatformHttp.Poll.Done<>(id);
                case "ERROR", "EXPIRED" -> throw new StepFailed(new Outcome.MediaRejected(
                        "container_" + code.toLowerCase(), platform + " could not prepare the media: "
                                                           + status.body().path(reasonField).asText(code)));
                default -> new PlatformHttp.Poll.Again<>(Duration.ofSeconds(poll == 0 ? 0 : 5));
            };
        }, () -> null);
        if (ready == null) {
            throw new StepFailed(new Outcome.MediaRejected("container_in_progress", platform + " was still processing"
                                                                                     + " the media after "
                                                                                     + http.config().maxStatusPolls()
                                                                                     + " checks; try again later."));
        }
        return ready;
    }
}
