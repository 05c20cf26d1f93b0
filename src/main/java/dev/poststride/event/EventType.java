package dev.poststride.event;

import java.util.Arrays;
import java.util.Optional;

/** The events clients can receive (webhook filters and the README list the same names). */
public enum EventType {
    POST_SCHEDULED("post.scheduled"),
    POST_PUBLISHED("post.published"),
    POST_PARTIALLY_PUBLISHED("post.partially_published"),
    POST_FAILED("post.failed"),
    POST_CANCELLED("post.cancelled"),
    TARGET_PUBLISHED("target.published"),
    TARGET_FAILED("target.failed"),
    TARGET_RETRYING("target.retrying"),
    CONNECTION_NEEDS_REAUTH("connection.needs_reauth"),
    CONNECTION_REVOKED("connection.revoked"),
    APPROVAL_REQUESTED("approval.requested"),
    APPROVAL_DECIDED("approval.decided");

    /** The type of the "send test event" call's event; sent to the one endpoint asked, never filtered out. */
    public static final String TEST = "webhook.test";

    private final String key;

    EventType(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<EventType> fromKey(String key) {
        return Arrays.stream(values()).filter(type -> type.key.equals(key)).findFirst();
    }
}
