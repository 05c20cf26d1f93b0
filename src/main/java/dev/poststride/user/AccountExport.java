package dev.poststride.user;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Fired to collect everything stored about a user: each observer adds its own section (connections, posts, media,
 * sessions). Nothing secret may be added: no token, hash or key.
 */
public final class AccountExport {

    private final UUID userId;
    private final Map<String, Object> sections = new LinkedHashMap<>();

    AccountExport(UUID userId) {
        this.userId = userId;
    }

    public UUID userId() {
        return userId;
    }

    public void add(String section, Object content) {
        sections.put(section, content);
    }

    Map<String, Object> sections() {
        return sections;
    }
}
