package dev.poststride.platform;

import java.net.URI;
import java.util.List;

/**
 * Where a connect flow may send the browser back to: an address under one of {@code allowed} (same scheme, host and
 * port, and a path at or below the entry's by whole segments), never one with user info or {@code ..}.
 */
record RedirectAllowList(List<String> allowed) {

    boolean allows(String candidate) {
        URI uri;
        try {
            uri = URI.create(candidate).normalize();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return false;
        }
        for (String entry : allowed) {
            URI allowedUri = URI.create(entry.trim());
            String prefix = allowedUri.getPath() == null ? "" : allowedUri.getPath();
            String path = uri.getPath() == null ? "" : uri.getPath();
            if (allowedUri.getScheme().equalsIgnoreCase(uri.getScheme())
                && allowedUri.getHost().equalsIgnoreCase(uri.getHost()) && allowedUri.getPort() == uri.getPort()
                && underPath(path, prefix) && !path.contains("..")) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code path} is {@code prefix} or below it, by whole segments: {@code /connectedevil} is not. */
    private static boolean underPath(String path, String prefix) {
        if (prefix.isEmpty() || prefix.endsWith("/")) {
            return path.startsWith(prefix);
        }
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
