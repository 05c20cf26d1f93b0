package dev.poststride.platform;

import dev.poststride.common.Problems;
import dev.poststride.common.access.Access;
import dev.poststride.common.crypto.TokenVault;
import dev.poststride.platform.oauth.PlatformOAuths;
import dev.poststride.platforms.OAuthFailure;
import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.PlatformModules;
import dev.poststride.platforms.StoredGrant;
import dev.poststride.user.AccountExport;
import dev.poststride.workspace.AuditLog;
import dev.poststride.workspace.WorkspaceClosing;
import dev.poststride.workspace.Workspaces;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** A workspace's connections: the catalogue, listing, manual refresh and disconnecting. */
@ApplicationScoped
public class ConnectionService {

    private static final Logger LOG = Logger.getLogger(ConnectionService.class);

    private final PlatformModules modules;
    private final PlatformEndpoints endpoints;
    private final PlatformOAuths oauths;
    private final TokenVault vault;
    private final TokenRefresher refresher;
    private final Event<ConnectionRemoved> connectionRemoved;
    private final Workspaces workspaces;
    private final AuditLog audit;
    private final Clock clock;

    private final ConnectionStates states;

    ConnectionService(PlatformModules modules, PlatformEndpoints endpoints, PlatformOAuths oauths, TokenVault vault,
                      TokenRefresher refresher, Event<ConnectionRemoved> connectionRemoved, Workspaces workspaces,
                      AuditLog audit, ConnectionStates states, Clock clock) {
        this.states = states;
        this.modules = modules;
        this.endpoints = endpoints;
        this.oauths = oauths;
        this.vault = vault;
        this.refresher = refresher;
        this.connectionRemoved = connectionRemoved;
        this.workspaces = workspaces;
        this.audit = audit;
        this.clock = clock;
    }

    /** The platforms of this build, in the catalogue's order. */
    @Transactional
    public List<PlatformView> catalogue() {
        return SocialPlatform.<SocialPlatform>list("order by position").stream()
                .filter(p -> modules.find(p.key).isPresent())
                .map(this::catalogued)
                .toList();
    }

    /** A platform as the catalogue shows it: connectable when any of its connect flows is set up here. */
    private PlatformView catalogued(SocialPlatform platform) {
        PlatformKey key = platform.platformKey();
        List<PlatformView.Flow> flows = oauths.named(key).stream()
                .map(f -> new PlatformView.Flow(f.flowName(), f.flow() == null,
                                                endpoints.of(key, f.flow()).connectable()))
                .toList();
        boolean connectable = flows.isEmpty() ? endpoints.of(key).connectable()
                : flows.stream().anyMatch(PlatformView.Flow::connectable);
        return PlatformView.of(platform, modules.of(key).rules(), connectable, flows);
    }

    @Transactional
    public List<ConnectionView> list(UUID workspaceId) {
        Map<java.util.UUID, PlatformKey> keys = platformKeys();
        return PlatformConnection.listOwned(workspaceId).stream()
                .map(c -> ConnectionView.of(c, oauths.of(keys.get(c.platformId), c.authFlow)))
                .toList();
    }

    /**
     * The user's own connections among {@code ids}; ids of others or of nothing are simply absent. The rows stay
     * share-locked until the caller's transaction ends, so a connection being targeted cannot be disconnected in
     * between (the disconnect waits, then sees and cancels the new targets).
     */
    @Transactional
    public Map<UUID, TargetAccount> findOwned(UUID workspaceId, java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, SocialPlatform> platforms = SocialPlatform.<SocialPlatform>listAll().stream()
                .collect(Collectors.toMap(p -> p.id, p -> p));
        return PlatformConnection.<PlatformConnection>find("workspaceId = ?1 and id in ?2", workspaceId, ids)
                .withLock(LockModeType.PESSIMISTIC_READ).list().stream()
                .collect(Collectors.toMap(c -> c.id, c -> {
                    SocialPlatform platform = platforms.get(c.platformId);
                    return new TargetAccount(c.id, platform.platformKey(), c.status,
                                             PlatformView.of(platform, modules.of(platform.platformKey()).rules(),
                                                             true, List.of()));
                }));
    }

    /**
     * Renews the connection's tokens now (or waits for a refresh already running). A platform that cannot renew
     * without the user answers 409; one that does not answer, 502.
     */
    public ConnectionView refresh(UUID workspaceId, UUID connectionId) {
        QuarkusTransaction.requiringNew().call(() -> PlatformConnection.findOwned(connectionId, workspaceId))
                .orElseThrow(() -> new Problems.NotFound("The connection"));
        RefreshOutcome outcome = refresher.refreshOrAwait(connectionId);
        switch (outcome) {
            case NOT_REFRESHABLE -> throw new Problems.Conflict(
                    "This platform cannot renew access without you; connect the account again when it expires.");
            case NOT_ACTIVE -> throw new Problems.Conflict("This connection needs to be connected again first.");
            case RETRY_LATER, IN_PROGRESS_ELSEWHERE -> throw new Problems.PlatformUnavailable(
                    "The platform did not renew the access this time; it will be retried automatically.");
            default -> { }
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            PlatformConnection c = PlatformConnection.findOwned(connectionId, workspaceId)
                    .orElseThrow(() -> new Problems.NotFound("The connection"));
            return ConnectionView.of(c, oauths.of(platformKeys().get(c.platformId), c.authFlow));
        });
    }

    /**
     * Disconnects an account: the row stays, as {@code revoked} with its tokens wiped, so every target and attempt
     * published through it keeps its history; its pending targets are cancelled ({@link ConnectionRemoved}), and a
     * target publishing right now makes this a 409. Then the grant is revoked at the platform where it offers that;
     * the local revoke stands even when that fails, since the user asked for the account to be gone from here.
     * Disconnecting a revoked connection again changes nothing. Connecting the same account later reactivates it.
     */
    public void disconnect(Access access, UUID connectionId) {
        disconnect(access.workspace(), access.userId(), access.keyId().orElse(null), connectionId);
    }

    private void disconnect(UUID workspaceId, UUID actorId, UUID actorKeyId, UUID connectionId) {
        record Removed(PlatformKey platform, String flow, StoredGrant grant) {
        }
        Removed removed = QuarkusTransaction.requiringNew().call(() -> {
            PlatformConnection c = PlatformConnection.findOwnedForUpdate(connectionId, workspaceId)
                    .orElseThrow(() -> new Problems.NotFound("The connection"));
            if (PlatformConnection.REVOKED.equals(c.status)) {
                return null;
            }
            connectionRemoved.fire(new ConnectionRemoved(workspaceId, connectionId));
            StoredGrant grant = ConnectionTokens.open(vault, c);
            ConnectionTokens.wipe(c);
            states.revoked(c, clock.instant());
            PlatformKey platform = platformKeys().get(c.platformId);
            audit.record(workspaceId, actorId, actorKeyId, "connection.disconnected", "connection", connectionId,
                         Map.of("platform", platform.key(), "account_id", c.accountId));
            return new Removed(platform, c.authFlow, grant);
        });
        if (removed == null) {
            return;
        }
        LOG.infof("%s connection %s revoked by user %s", removed.platform().key(), connectionId, actorId);
        try {
            if (oauths.of(removed.platform(), removed.flow())
                    .revoke(endpoints.of(removed.platform(), removed.flow()), removed.grant())) {
                LOG.infof("%s grant of connection %s revoked at the platform", removed.platform().key(), connectionId);
            }
        } catch (OAuthFailure failure) {
            LOG.warnf("%s did not revoke the grant of removed connection %s: %s", removed.platform().key(),
                      connectionId, failure.getMessage());
        }
    }

    /** A closing workspace disconnects every connection first, so the platforms' grants are revoked. */
    void onWorkspaceClosing(@Observes WorkspaceClosing closing) {
        List<UUID> open = QuarkusTransaction.requiringNew().call(() -> PlatformConnection.listOwned(
                closing.workspaceId()).stream().filter(c -> !PlatformConnection.REVOKED.equals(c.status))
                .map(c -> c.id).toList());
        open.forEach(id -> disconnect(closing.workspaceId(), null, null, id));
    }

    /** The export's connections: those of the user's personal workspace. */
    @Transactional
    void onExport(@Observes AccountExport export) {
        export.add("connections", list(workspaces.personalOf(export.userId())));
    }

    private static Map<UUID, PlatformKey> platformKeys() {
        return SocialPlatform.<SocialPlatform>listAll().stream()
                .collect(Collectors.toMap(p -> p.id, SocialPlatform::platformKey, (a, b) -> a));
    }
}
