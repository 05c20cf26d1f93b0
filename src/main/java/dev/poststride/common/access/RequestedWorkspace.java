package dev.poststride.common.access;

import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which workspace a request is about: the one in the path of a workspace call ({@code /api/workspaces/{id}/…}),
 * else the {@code X-Workspace-Id} header, else none (the caller's personal workspace, or an API key's own).
 */
public final class RequestedWorkspace {

    public static final String HEADER = "X-Workspace-Id";
    private static final Pattern IN_PATH = Pattern.compile("^/api/workspaces/([^/]+)(/.*)?$");

    /** What a request names: nothing, a workspace, or something that cannot be one (which finds no workspace). */
    public sealed interface Named {
        record Nothing() implements Named {
        }

        record Workspace(UUID id) implements Named {
        }

        record Unknown() implements Named {
        }
    }

    private RequestedWorkspace() {
    }

    public static Named of(HttpServerRequest request) {
        Matcher path = IN_PATH.matcher(request.path());
        String named = path.matches() ? path.group(1) : request.getHeader(HEADER);
        if (named == null || named.isBlank()) {
            return new Named.Nothing();
        }
        try {
            return new Named.Workspace(UUID.fromString(named.strip()));
        } catch (IllegalArgumentException notUuid) {
            return new Named.Unknown();
        }
    }

    public static Optional<UUID> id(Named named) {
        return named instanceof Named.Workspace workspace ? Optional.of(workspace.id()) : Optional.empty();
    }
}
