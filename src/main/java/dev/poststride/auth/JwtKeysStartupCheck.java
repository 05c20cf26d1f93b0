package dev.poststride.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

/** Refuses to start without signing and verification keys, naming what to set, instead of failing per request. */
@ApplicationScoped
class JwtKeysStartupCheck {

    void check(@Observes StartupEvent event, Config config) {
        boolean verify = isSet(config, DevKeyPairConfigSourceFactory.VERIFY_KEY)
                || isSet(config, DevKeyPairConfigSourceFactory.VERIFY_KEY_LOCATION);
        boolean sign = isSet(config, DevKeyPairConfigSourceFactory.SIGN_KEY)
                || isSet(config, DevKeyPairConfigSourceFactory.SIGN_KEY_LOCATION);
        if (!verify || !sign) {
            throw new IllegalStateException("Post Stride needs its JWT key pair: set "
                    + (verify ? "" : "MP_JWT_VERIFY_PUBLICKEY_LOCATION (public key PEM file) ")
                    + (verify || sign ? "" : "and ")
                    + (sign ? "" : "SMALLRYE_JWT_SIGN_KEY_LOCATION (private key PEM file)")
                    + " — or MP_JWT_VERIFY_PUBLICKEY / SMALLRYE_JWT_SIGN_KEY with the keys inline.");
        }
    }

    private static boolean isSet(Config config, String name) {
        return config.getOptionalValue(name, String.class).filter(v -> !v.isBlank()).isPresent();
    }
}
