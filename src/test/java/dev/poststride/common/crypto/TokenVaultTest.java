package dev.poststride.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** AES-256-GCM sealing of secrets at rest, without starting the application. */
class TokenVaultTest {

    private static final String KEY_2025 = DevSecretsConfigSourceFactory.generateKey("2025-01");
    private static final String KEY_2026 = DevSecretsConfigSourceFactory.generateKey("2026-11");

    private static TokenVault vault(String key, String... retired) {
        return new TokenVault(new VaultConfig() {
            @Override
            public Optional<String> key() {
                return Optional.ofNullable(key);
            }

            @Override
            public Optional<List<String>> retiredKeys() {
                return retired.length == 0 ? Optional.empty() : Optional.of(List.of(retired));
            }
        });
    }

    @Test
    void aSealedValueOpensOnlyForItsOwnContext() {
        TokenVault vault = vault(KEY_2026);
        String sealed = vault.seal("access-token-value", "user_platforms/u/p/a/access");

        assertThat(sealed).startsWith("2026-11:").doesNotContain("access-token-value")
                .doesNotContain(Base64.getEncoder().encodeToString("access-token-value".getBytes()));
        assertThat(vault.open(sealed, "user_platforms/u/p/a/access")).isEqualTo("access-token-value");
        assertThatThrownBy(() -> vault.open(sealed, "user_platforms/u/p/OTHER/access"))
                .isInstanceOf(TokenVault.VaultException.class)
                .hasMessageNotContaining("access-token-value");
    }

    @Test
    void everySealingUsesAFreshNonce() {
        TokenVault vault = vault(KEY_2026);
        assertThat(vault.seal("same", "ctx")).isNotEqualTo(vault.seal("same", "ctx"));
        assertThat(vault.seal(null, "ctx")).isNull();
        assertThat(vault.open(null, "ctx")).isNull();
    }

    @Test
    void aTamperedValueIsRejected() {
        TokenVault vault = vault(KEY_2026);
        String sealed = vault.seal("secret", "ctx");
        byte[] bytes = Base64.getDecoder().decode(sealed.substring("2026-11:".length()));
        bytes[bytes.length - 1] ^= 1;
        String tampered = "2026-11:" + Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> vault.open(tampered, "ctx")).isInstanceOf(TokenVault.VaultException.class);
    }

    @Test
    void valuesSealedWithARetiredKeyStillOpenAndNewOnesUseTheCurrentKey() {
        String old = vault(KEY_2025).seal("from last year", "ctx");
        TokenVault rotated = vault(KEY_2026, KEY_2025);

        assertThat(rotated.open(old, "ctx")).isEqualTo("from last year");
        assertThat(rotated.isSealedWithRetiredKey(old)).isTrue();
        assertThat(rotated.seal("new", "ctx")).startsWith("2026-11:");
        assertThatThrownBy(() -> vault(KEY_2026).open(old, "ctx"))
                .isInstanceOf(TokenVault.VaultException.class)
                .hasMessageContaining("2025-01").hasMessageContaining("POSTSTRIDE_VAULT_RETIRED_KEYS");
    }

    @Test
    void startUpFailsWithoutAUsableKeyAndNeverPrintsOne() {
        assertThatThrownBy(() -> vault(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("POSTSTRIDE_VAULT_KEY");
        String shortKey = "k1:" + Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> vault(shortKey)).hasMessageContaining("32 bytes")
                .hasMessageNotContaining(shortKey.substring(3));
        assertThatThrownBy(() -> vault("no-colon-here")).hasMessageContaining("<key-id>:<base64 key>");
        assertThatThrownBy(() -> vault("k1:%%%notbase64")).hasMessageContaining("not valid base64")
                .hasMessageNotContaining("%%%");
        assertThatThrownBy(() -> vault(KEY_2026, KEY_2026)).hasMessageContaining("configured twice");
    }
}
