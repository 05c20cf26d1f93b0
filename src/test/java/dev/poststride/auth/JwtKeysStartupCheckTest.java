package dev.poststride.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** The prod start-up guard, without starting the application. */
class JwtKeysStartupCheckTest {

    @Test
    void startUpFailsNamingTheMissingKeys() {
        assertThatThrownBy(() -> new JwtKeysStartupCheck().check(null, config(Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MP_JWT_VERIFY_PUBLICKEY_LOCATION")
                .hasMessageContaining("SMALLRYE_JWT_SIGN_KEY_LOCATION");
        assertThatThrownBy(() -> new JwtKeysStartupCheck().check(null, config(Map.of(
                "mp.jwt.verify.publickey.location", "/keys/public.pem"))))
                .hasMessageContaining("SMALLRYE_JWT_SIGN_KEY_LOCATION")
                .hasMessageNotContaining("MP_JWT_VERIFY_PUBLICKEY_LOCATION (");
    }

    @Test
    void startUpGoesOnWithBothKeys() {
        assertThatCode(() -> new JwtKeysStartupCheck().check(null, config(Map.of(
                "mp.jwt.verify.publickey.location", "/keys/public.pem",
                "smallrye.jwt.sign.key.location", "/keys/private.pem")))).doesNotThrowAnyException();
    }

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 100)).build();
    }
}
