package dev.poststride.platforms;

import java.util.Optional;

/**
 * The endpoints and app credentials a platform's connect flow uses here: the configured ones, or the dev sandbox's;
 * {@code clientId} empty means it cannot be connected here.
 */
public record AppEndpoints(PlatformKey platform, String apiUrl, String authorizeUrl, String tokenUrl,
                           Optional<String> clientId, Optional<String> clientSecret, boolean sandbox) {

    public boolean connectable() {
        return clientId.isPresent();
    }

    @Override
    public String toString() {
        // Never print the client secret, whatever logs this record.
        return "AppEndpoints[" + platform + ", api=" + apiUrl + ", sandbox=" + sandbox + "]";
    }
}
