package dev.poststride.platform;

import dev.poststride.common.Problem.FieldError;
import dev.poststride.common.Problems;
import dev.poststride.common.crypto.TokenVault;
import dev.poststride.platform.oauth.PlatformOAuths;
import dev.poststride.platforms.AppEndpoints;
import dev.poststride.platforms.GrantedAccount;
import dev.poststride.platforms.OAuthFailure;
import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.PlatformModules;
import dev.poststride.platforms.PlatformOAuth;
import dev.poststride.workspace.AuditLog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The OAuth 2.0 authorization-code flow: hands out authorization URLs with a single-use, expiring {@code state}
 * (and a PKCE challenge where the platform takes one), and on the platform's callback exchanges the code and
 * stores one connection per granted account. No transaction is open while a platform is called.
 */
@ApplicationScoped
public class ConnectService {

    private static final Logger LOG = Logger.getLogger(ConnectService.class);

    private final PlatformModules modules;
    private final PlatformEndpoints endpoints;
    private final PlatformOAuths oauths;
    private final TokenVault vault;
    private final ConnectConfig config;
    private final AuditLog audit;
    private final ConnectionStates states;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ConnectService(PlatformModules modules, PlatformEndpoints endpoints, PlatformOAuths oauths, TokenVault vault,
                   ConnectConfig config, AuditLog audit, ConnectionStates states, Clock clock) {
        this.modules = modules;
        this.states = states;
        this.endpoints = endpoints;
        this.oauths = oauths;
        this.vault = vault;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    /** Starts connecting an account to {@code workspaceId} for the user {@code userId}. */
    public ConnectStart start(UUID userId, UUID workspaceId, ConnectRequest request) {
        PlatformKey key = modules.key(request.platform()).orElseThrow(() -> new Problems.Invalid(
                "platform", "must be one of " + String.join(", ", modules.all().stream()
                        .map(m -> m.key().key()).toList())));
        String redirectUri = request.redirectUri() == null || request.redirectUri().isBlank() ? null
                : request.redirectUri();
        RedirectAllowList redirects = new RedirectAllowList(config.allowedRedirectUris().orElse(List.of()));
        if (redirectUri != null && !redirects.allows(redirectUri)) {
            throw new Problems.Invalid("redirect_uri", "is not on this server's list of allowed redirect URIs");
        }
        String flow = flow(key, request.flow());
        AppEndpoints platform = endpoints.of(key, flow);
        if (!platform.connectable()) {
            throw flow == null
                    ? new Problems.Conflict(key.key() + " is not set up on this server yet (its client id is not"
                                            + " configured).", List.of(new FieldError("platform", "is not available")))
                    : new Problems.Conflict(key.key() + "'s " + request.flow() + " flow is not set up on this server"
                                            + " yet (its client id is not configured).",
                                            List.of(new FieldError("flow", "is not available")));
        }
        PlatformOAuth oauth = oauths.of(key, flow);
        String state = ConnectSecrets.newToken(random);
        String verifier = oauth.usesPkce() ? ConnectSecrets.newToken(random) : null;
        Instant now = clock.instant();
        OAuthState pending = new OAuthState();
        pending.id = UUID.randomUUID();
        pending.userId = userId;
        pending.workspaceId = workspaceId;
        pending.stateHash = ConnectSecrets.hash(state);
        pending.codeVerifierCiphertext = vault.seal(verifier, OAuthState.sealContext(pending.stateHash));
        pending.keyId = verifier == null ? null : vault.currentKeyId();
        pending.redirectUri = redirectUri;
        pending.authFlow = flow;
        String binding = ConnectSecrets.newToken(random);
        pending.browserBindingHash = BrowserBinding.hash(binding);
        pending.createdAt = now;
        pending.expiresAt = now.plus(config.stateTtl());
        QuarkusTransaction.requiringNew().run(() -> {
            pending.platformId = SocialPlatform.findByKey(key).orElseThrow().id;
            pending.persist();
        });
        String url = oauth.authorizationUrl(platform, callbackUri(key), state,
                                            verifier == null ? null : ConnectSecrets.challenge(verifier));
        NewCookie cookie = BrowserBinding.set(pending.stateHash, binding, config.stateTtl(), config.cookieSecure());
        return new ConnectStart(url, state, pending.expiresAt, cookie);
    }

    /** The stored form of the flow a connect request names: null for the platform's standard flow. */
    private String flow(PlatformKey key, String requested) {
        if (requested == null || requested.isBlank()) {
            return null;
        }
        List<PlatformOAuth> flows = oauths.named(key);
        if (flows.isEmpty()) {
            throw new Problems.Invalid("flow", key.key() + " has a single connect flow; leave flow out");
        }
        return oauths.named(key, requested).orElseThrow(() -> new Problems.Invalid(
                "flow", "must be one of " + String.join(", ", flows.stream().map(PlatformOAuth::flowName).toList())))
                .flow();
    }

    /**
     * Completes a connect flow. It must come from the browser that started it ({@code cookies} hold its binding) or
     * from the user who started it ({@code caller}, when a front end passes the callback on with its token); a
     * state that another user started is refused like an unknown one, and one brought by another browser is
     * refused and left usable (a victim sent an attacker's authorization URL attaches nothing).
     */
    public CallbackResult complete(String platformKey, String code, String state, String error,
                                   Optional<UUID> caller, Map<String, Cookie> cookies) {
        PlatformKey key = modules.key(platformKey).orElseThrow(() -> new Problems.NotFound("The platform"));
        if (state == null || state.isBlank()) {
            throw new Problems.BadRequest("The callback carries no state.");
        }
        // Consumed in its own transaction, committed before anything else happens: a state works once, even if
        // this callback fails later.
        String stateHash = ConnectSecrets.hash(state);
        StateCheck check = QuarkusTransaction.requiringNew().call(() -> consume(key, stateHash, caller, cookies));
        if (check.problem() != null) {
            throw new Problems.BadRequest(check.problem());
        }
        OAuthState pending = check.state();
        Optional<String> redirect = Optional.ofNullable(pending.redirectUri);
        if (error != null && !error.isBlank()) {
            // The platform's error is the caller's text: only its code-safe characters reach the log.
            LOG.infof("%s connect for user %s ended at the platform: %s", key.key(), pending.userId, safeCode(error));
            return refused(key, redirect, safeCode(error), "did not grant access (" + safeCode(error) + ")");
        }
        if (code == null || code.isBlank()) {
            throw new Problems.BadRequest("The callback carries neither a code nor an error.");
        }
        String verifier = vault.open(pending.codeVerifierCiphertext, OAuthState.sealContext(pending.stateHash));
        List<GrantedAccount> accounts;
        try {
            accounts = oauths.of(key, pending.authFlow).exchange(endpoints.of(key, pending.authFlow), code, verifier,
                                                                 callbackUri(key));
        } catch (OAuthFailure failure) {
            if (failure.kind() == OAuthFailure.Kind.REJECTED_APP) {
                LOG.errorf("%s refused this server's app credentials; check %s_CLIENT_ID/_CLIENT_SECRET: %s",
                           key.key(), oauths.of(key, pending.authFlow).settingsPrefix(), failure.getMessage());
            } else {
                LOG.warnf("%s connect for user %s failed: %s", key.key(), pending.userId, failure.getMessage());
            }
            if (failure.kind() == OAuthFailure.Kind.TRANSIENT || failure.kind() == OAuthFailure.Kind.REJECTED_APP) {
                if (redirect.isPresent()) {
                    return new CallbackResult(List.of(), Optional.of("platform_unavailable"), redirect);
                }
                throw new Problems.PlatformUnavailable(key.key() + " could not complete the connection ("
                                                       + failure.platformError() + "); please try connecting again.");
            }
            return refused(key, redirect, failure.platformError(), "refused the connection ("
                                                                   + failure.platformError() + ")");
        }
        List<ConnectionView> saved = QuarkusTransaction.requiringNew().call(() -> save(pending, key, accounts));
        return new CallbackResult(saved, Optional.empty(), redirect);
    }

    /** Expires the browser cookie of the flow {@code state} (it is used once). */
    public NewCookie clearBinding(String state) {
        return BrowserBinding.clear(ConnectSecrets.hash(state), config.cookieSecure());
    }

    private static CallbackResult refused(PlatformKey key, Optional<String> redirect, String code, String what) {
        if (redirect.isPresent()) {
            return new CallbackResult(List.of(), Optional.of(code), redirect);
        }
        throw new Problems.PlatformRefused(key.key() + " " + what + ".");
    }

    private record StateCheck(OAuthState state, String problem) {
    }

    private StateCheck consume(PlatformKey key, String stateHash, Optional<UUID> caller, Map<String, Cookie> cookies) {
        OAuthState pending = OAuthState.find("stateHash", stateHash).firstResult();
        String unknown = "This state is unknown or was already used; start the connection again.";
        if (pending == null || caller.isPresent() && !caller.get().equals(pending.userId)) {
            // Another user's state is left as it is and answered like an unknown one: it can neither be burnt
            // nor told apart from a state that does not exist.
            return new StateCheck(null, unknown);
        }
        if (caller.isEmpty() && !BrowserBinding.matches(pending, cookies)) {
            LOG.warnf("%s connect callback for user %s came from a browser that did not start it; refused",
                      key.key(), pending.userId);
            return new StateCheck(null, "This connection was started in another browser (or this browser did not"
                                        + " keep its cookie); start connecting again from here.");
        }
        pending.delete();
        if (!pending.platformId.equals(SocialPlatform.findByKey(key).orElseThrow().id)) {
            return new StateCheck(null, "This state was issued for another platform.");
        }
        if (!pending.expiresAt.isAfter(clock.instant())) {
            return new StateCheck(null, "This state has expired; start the connection again.");
        }
        return new StateCheck(pending, null);
    }

    private List<ConnectionView> save(OAuthState flow, PlatformKey key, List<GrantedAccount> accounts) {
        UUID platformId = SocialPlatform.findByKey(key).orElseThrow().id;
        Instant now = clock.instant();
        List<ConnectionView> saved = new ArrayList<>();
        for (GrantedAccount account : accounts) {
            Optional<PlatformConnection> existing = PlatformConnection.findAccount(flow.workspaceId, platformId,
                                                                                   account.accountId());
            PlatformConnection connection = existing.orElseGet(PlatformConnection::new);
            if (existing.isEmpty()) {
                connection.id = UUID.randomUUID();
                connection.workspaceId = flow.workspaceId;
                connection.createdBy = flow.userId;
                connection.tokenOwnerId = flow.workspaceId;
                connection.platformId = platformId;
                connection.accountId = account.accountId();
                connection.connectedAt = now;
            }
            String oldRefreshToken = existing.isEmpty() ? null
                    : ConnectionTokens.storedRefreshToken(vault, connection);
            connection.accountName = account.accountName();
            connection.authFlow = flow.authFlow;
            ConnectionTokens.store(vault, connection, account.tokens(), oldRefreshToken);
            states.connected(connection, now);
            connection.tokenRefreshedAt = now;
            if (existing.isEmpty()) {
                connection.persist();
            }
            LOG.infof("%s account %s %s for user %s in workspace %s", key.key(), account.accountId(),
                      existing.isEmpty() ? "connected" : "reconnected", flow.userId, flow.workspaceId);
            audit.record(flow.workspaceId, flow.userId, null, existing.isEmpty() ? "connection.connected"
                    : "connection.reconnected", "connection", connection.id,
                         Map.of("platform", key.key(), "account_id", account.accountId()));
            saved.add(ConnectionView.of(connection, oauths.of(key, connection.authFlow)));
        }
        return saved;
    }

    String callbackUri(PlatformKey key) {
        String base = config.callbackBaseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
               + "/api/platforms/" + key.key() + "/callback";
    }

    /** A platform's error code echoed back to the browser: letters, digits and a few marks only. */
    private static String safeCode(String code) {
        String cleaned = code.replaceAll("[^A-Za-z0-9_.-]", "");
        return cleaned.isEmpty() ? "error" : cleaned.substring(0, Math.min(60, cleaned.length()));
    }
}
