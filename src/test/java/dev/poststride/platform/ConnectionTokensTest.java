package dev.poststride.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststride.common.crypto.TokenVault;
import dev.poststride.common.crypto.VaultConfig;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Tokens stay readable across changes to who seals them: the ciphertexts below were sealed by the code of 2026-12-07
 * (commit a8650c8, before {@link ConnectionTokens} became the only class that seals and opens a connection's
 * tokens), with a fixture key; they must open as they did then.
 */
class ConnectionTokensTest {

    private static final String FIXTURE_KEY = "2026-12:cG9zdC1zdHJpZGUtaXNzdWUtMjQtZml4dHVyZS1rZXk=";
    private static final UUID OWNER = UUID.fromString("5b1e0f6a-9f7e-4d1c-8a51-3c2d1e0f2401");
    private static final UUID X = UUID.fromString("6f1f4c2e-0b1a-4c53-9a53-1a2b3c4d0001");
    private static final String ACCOUNT = "1000000001";
    private static final String ACCESS_SEALED = "2026-12:l2MvftSOBRqxuT8wJjxOX3t380IAbGM56ScIpVqT2ULjfJgcYljX01YN6Dra"
                                                + "YJK98R+1CDw6Ld8c";
    private static final String REFRESH_SEALED = "2026-12:bSVjiAvZ/+7/xOqYfCe2q92ytNKA08yLodYA1rvQNwy/gGsWNEXTrItIk"
                                                 + "XN4CkRYeUR3qW7eNXMytQ==";

    private final TokenVault vault = new TokenVault(new VaultConfig() {
        @Override
        public Optional<String> key() {
            return Optional.of(FIXTURE_KEY);
        }

        @Override
        public Optional<List<String>> retiredKeys() {
            return Optional.empty();
        }
    });

    @Test
    void tokensSealedBeforeTheMoveOpenAfterIt() {
        PlatformConnection row = row();
        assertThat(ConnectionTokens.open(vault, row).accessToken()).isEqualTo("access-sealed-before-issue-24");
        assertThat(ConnectionTokens.storedRefreshToken(vault, row)).isEqualTo("refresh-sealed-before-issue-24");
        assertThat(ConnectionTokens.openAccess(vault, OWNER, X, ACCOUNT, ACCESS_SEALED))
                .isEqualTo("access-sealed-before-issue-24");
    }

    @Test
    void aTokenOpensOnlyForTheAccountAndKindItWasSealedFor() {
        assertThatThrownBy(() -> ConnectionTokens.openAccess(vault, OWNER, X, "1000000002", ACCESS_SEALED))
                .isInstanceOf(TokenVault.VaultException.class);
        // The refresh token is not an access token of the same account.
        assertThatThrownBy(() -> ConnectionTokens.openAccess(vault, OWNER, X, ACCOUNT, REFRESH_SEALED))
                .isInstanceOf(TokenVault.VaultException.class);
    }

    private static PlatformConnection row() {
        PlatformConnection row = new PlatformConnection();
        row.tokenOwnerId = OWNER;
        row.platformId = X;
        row.accountId = ACCOUNT;
        row.accessTokenCiphertext = ACCESS_SEALED;
        row.refreshTokenCiphertext = REFRESH_SEALED;
        return row;
    }
}
