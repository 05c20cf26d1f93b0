package dev.poststride.common.crypto;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/**
 * Keys of the {@link TokenVault}, each written {@code <key-id>:<base64 of 32 random bytes>}
 * (generate one with {@code echo "$(date +%Y%m):$(openssl rand -base64 32)"}).
 */
@ConfigMapping(prefix = "poststride.vault")
public interface VaultConfig {

    /** The key new values are encrypted with ({@code POSTSTRIDE_VAULT_KEY}). Required. */
    Optional<String> key();

    /**
     * Earlier keys, still needed to read values written with them ({@code POSTSTRIDE_VAULT_RETIRED_KEYS}, comma
     * separated). Values move to the current key whenever they are written again (connect, refresh).
     */
    Optional<List<String>> retiredKeys();
}
