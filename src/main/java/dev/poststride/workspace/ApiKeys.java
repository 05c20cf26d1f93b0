package dev.poststride.workspace;

import dev.poststride.common.Problem.FieldError;
import dev.poststride.common.Problems;
import dev.poststride.common.Sha256;
import dev.poststride.common.SqlValues;
import dev.poststride.common.access.Access;
import dev.poststride.common.access.Permission;
import dev.poststride.common.access.Role;
import dev.poststride.common.access.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * API keys (personal access tokens) of a workspace, for scripts and integrations: {@code psk_live_} and 43 random
 * characters, recognisable by secret scanners; shown once, kept as a SHA-256 hash with its first characters as a
 * visible prefix. A key acts with its creator's role narrowed by its scopes, and dies when revoked, when it expires
 * or when its creator leaves the workspace (see {@link ApiKeyAuthentication}).
 */
@ApplicationScoped
class ApiKeys {

    static final String PREFIX = "psk_live_";
    private static final int VISIBLE = PREFIX.length() + 8;
    private static final String COLUMNS = "id, name, prefix, scopes, created_by, created_at, expires_at, last_used_at,"
                                          + " revoked_at";

    private final AuditLog audit;
    private final EntityManager em;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiKeys(AuditLog audit, EntityManager em, Clock clock) {
        this.audit = audit;
        this.em = em;
        this.clock = clock;
    }

    ApiKeyView create(Access access, WorkspaceRequests.CreateKey request) {
        UUID workspaceId = access.workspace();
        Role role = access.role().orElseThrow();
        List<FieldError> errors = new ArrayList<>();
        Set<Scope> scopes = new LinkedHashSet<>();
        for (int i = 0; i < request.scopes().size(); i++) {
            String key = request.scopes().get(i);
            Scope scope = Scope.fromKey(key).orElse(null);
            if (scope == null) {
                errors.add(new FieldError("scopes[" + i + "]", "must be one of " + Arrays.stream(Scope.values())
                        .map(Scope::key).toList()));
            } else if (scope.permissions().stream().noneMatch(role.permissions()::contains)) {
                errors.add(new FieldError("scopes[" + i + "]", "is beyond what your role (" + role.key()
                                                               + ") may do"));
            } else {
                scopes.add(scope);
            }
        }
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            errors.add(new FieldError("expires_at", "must be in the future"));
        }
        if (!errors.isEmpty()) {
            throw new Problems.Invalid(errors);
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID id = UUID.randomUUID();
        List<String> scopeKeys = scopes.stream().map(Scope::key).toList();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into api_keys (id, workspace_id, created_by, name, prefix, key_hash, scopes,"
                                 + " created_at, expires_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
                    .setParameter(1, id).setParameter(2, workspaceId).setParameter(3, access.userId())
                    .setParameter(4, request.name().strip()).setParameter(5, key.substring(0, VISIBLE))
                    .setParameter(6, Sha256.hex(key)).setParameter(7, String.join(" ", scopeKeys))
                    .setParameter(8, Timestamp.from(now))
                    .setParameter(9, request.expiresAt() == null ? null : Timestamp.from(request.expiresAt()))
                    .executeUpdate();
            audit.record(access, "key.created", "api_key", id, Map.of("name", request.name().strip(),
                                                                      "prefix", key.substring(0, VISIBLE),
                                                                      "scopes", scopeKeys));
        });
        return new ApiKeyView(id, request.name().strip(), key.substring(0, VISIBLE), scopeKeys, access.userId(), now,
                              request.expiresAt(), null, null, key);
    }

    /** An admin sees every key of the workspace; anyone else their own. */
    List<ApiKeyView> list(Access access) {
        UUID workspaceId = access.workspace();
        boolean all = access.can(Permission.WORKSPACE_ADMIN);
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery("select " + COLUMNS + " from api_keys where workspace_id = ?1"
                                             + (all ? "" : " and created_by = ?2") + " order by created_at desc, id")
                    .setParameter(1, workspaceId);
            if (!all) {
                query.setParameter(2, access.userId());
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = query.getResultList();
            return rows.stream().map(ApiKeys::view).toList();
        });
    }

    /** Revoked at once on every instance: each request with a key reads it. */
    void revoke(Access access, UUID keyId) {
        UUID workspaceId = access.workspace();
        boolean any = access.can(Permission.WORKSPACE_ADMIN);
        QuarkusTransaction.requiringNew().run(() -> {
            int revoked = em.createNativeQuery("update api_keys set revoked_at = ?3, revoked_by = ?4 where id = ?1"
                                               + " and workspace_id = ?2 and revoked_at is null"
                                               + (any ? "" : " and created_by = ?4"))
                    .setParameter(1, keyId).setParameter(2, workspaceId)
                    .setParameter(3, Timestamp.from(clock.instant())).setParameter(4, access.userId())
                    .executeUpdate();
            if (revoked == 0) {
                boolean anothers = !any && !em.createNativeQuery("select 1 from api_keys where id = ?1"
                                                                 + " and workspace_id = ?2 and revoked_at is null")
                        .setParameter(1, keyId).setParameter(2, workspaceId).getResultList().isEmpty();
                if (anothers) {
                    throw new Problems.Forbidden("Only admins can revoke another member's key.");
                }
                throw new Problems.NotFound("The API key");
            }
            audit.record(access, "key.revoked", "api_key", keyId, Map.of());
        });
    }

    private static ApiKeyView view(Object[] r) {
        return new ApiKeyView((UUID) r[0], (String) r[1], (String) r[2], List.of(((String) r[3]).split(" ")),
                              (UUID) r[4], SqlValues.instant(r[5]), SqlValues.instant(r[6]), SqlValues.instant(r[7]),
                              SqlValues.instant(r[8]), null);
    }
}
