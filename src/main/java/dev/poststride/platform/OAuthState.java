package dev.poststride.platform;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A connect flow in progress, known by the hash of its {@code state}; used once, then deleted. */
@Entity
@Table(name = "oauth_states")
class OAuthState extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Who started the flow. */
    @Column(name = "user_id", nullable = false)
    public UUID userId;

    /** The workspace the connection will join. */
    @Column(name = "workspace_id", nullable = false)
    public UUID workspaceId;

    @Column(name = "platform_id", nullable = false)
    public UUID platformId;

    @Column(name = "state_hash", nullable = false, length = 64)
    public String stateHash;

    @Column(name = "code_verifier_ciphertext", columnDefinition = "text")
    public String codeVerifierCiphertext;

    @Column(name = "key_id", length = 50)
    public String keyId;

    @Column(name = "redirect_uri", length = 2000)
    public String redirectUri;

    /** SHA-256 of the cookie value set in the browser that started the flow ({@link BrowserBinding}). */
    @Column(name = "browser_binding_hash", length = 64)
    public String browserBindingHash;

    /** The connect flow chosen at the start ({@code PlatformOAuth#flow()}; null for the platform's standard one). */
    @Column(name = "auth_flow", length = 40)
    public String authFlow;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static String sealContext(String stateHash) {
        return "oauth_states/" + stateHash + "/code_verifier";
    }
}
