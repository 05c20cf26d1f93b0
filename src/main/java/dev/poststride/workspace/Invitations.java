package dev.poststride.workspace;

import dev.poststride.common.Problems;
import dev.poststride.common.Sha256;
import dev.poststride.common.SqlValues;
import dev.poststride.common.access.Access;
import dev.poststride.common.access.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Invitations by email address: a single-use token that expires, shown once to the inviter; the invitee, signed in
 * with that address, accepts or declines it. An unknown, used, expired or revoked token, or one for another address,
 * gets the same 404, so tokens cannot be probed.
 */
@ApplicationScoped
class Invitations {

    private static final String TOKEN_PREFIX = "psi_";
    private static final String COLUMNS = "id, workspace_id, email, role, status, invited_by, created_at, expires_at,"
                                          + " decided_at";

    private final InvitationSender sender;
    private final Workspaces workspaces;
    private final AuditLog audit;
    private final EntityManager em;
    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    Invitations(InvitationSender sender, Workspaces workspaces, AuditLog audit, EntityManager em, Clock clock,
                @ConfigProperty(name = "poststride.workspaces.invitation-ttl", defaultValue = "7d") Duration ttl) {
        this.sender = sender;
        this.workspaces = workspaces;
        this.audit = audit;
        this.em = em;
        this.clock = clock;
        this.ttl = ttl;
    }

    InvitationView invite(Access access, String email, String roleKey) {
        Role role = Role.fromKey(roleKey).filter(r -> r != Role.OWNER).orElseThrow(() -> new Problems.Invalid(
                "role", "must be one of admin, editor, contributor, viewer (ownership is transferred, not invited)"));
        String address = email.strip().toLowerCase(Locale.ROOT);
        if (!address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new Problems.Invalid("email", "must be an email address");
        }
        UUID workspaceId = access.workspace();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        record Created(InvitationView view, String workspaceName) {
        }
        Created created = QuarkusTransaction.requiringNew().call(() -> {
            Workspace workspace = Workspace.findById(workspaceId);
            if (workspace.personalOf != null) {
                throw new Problems.Conflict("A personal workspace is yours alone; create a shared workspace to"
                                            + " invite people.");
            }
            Number members = (Number) em.createNativeQuery(
                            "select count(*) from workspace_members m join users u on u.id = m.user_id"
                            + " where m.workspace_id = ?1 and lower(u.email) = ?2")
                    .setParameter(1, workspaceId).setParameter(2, address).getSingleResult();
            if (members.intValue() > 0) {
                throw new Problems.Conflict("Someone with this address is a member already.");
            }
            Instant now = clock.instant();
            UUID id = UUID.randomUUID();
            em.createNativeQuery("insert into workspace_invitations (id, workspace_id, email, role, token_hash,"
                                 + " status, invited_by, created_at, expires_at)"
                                 + " values (?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?7, ?8)")
                    .setParameter(1, id).setParameter(2, workspaceId).setParameter(3, address)
                    .setParameter(4, role.key()).setParameter(5, Sha256.hex(token)).setParameter(6, access.userId())
                    .setParameter(7, Timestamp.from(now)).setParameter(8, Timestamp.from(now.plus(ttl)))
                    .executeUpdate();
            audit.record(access, "member.invited", "invitation", id, Map.of("email", address, "role", role.key()));
            return new Created(new InvitationView(id, workspaceId, address, role.key(), "pending", access.userId(),
                                                  now, now.plus(ttl), null, token), workspace.name);
        });
        sender.send(created.view(), token, created.workspaceName());
        return created.view();
    }

    List<InvitationView> list(Access access) {
        UUID workspaceId = access.workspace();
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select " + COLUMNS + " from workspace_invitations"
                                                       + " where workspace_id = ?1 order by created_at desc, id")
                    .setParameter(1, workspaceId).getResultList();
            return rows.stream().map(Invitations::view).toList();
        });
    }

    void revoke(Access access, UUID invitationId) {
        UUID workspaceId = access.workspace();
        QuarkusTransaction.requiringNew().run(() -> {
            int revoked = em.createNativeQuery("update workspace_invitations set status = 'revoked', decided_at = ?3,"
                                               + " decided_by = ?4 where id = ?1 and workspace_id = ?2"
                                               + " and status = 'pending'")
                    .setParameter(1, invitationId).setParameter(2, workspaceId)
                    .setParameter(3, Timestamp.from(clock.instant())).setParameter(4, access.userId())
                    .executeUpdate();
            if (revoked == 0) {
                throw new Problems.NotFound("The pending invitation");
            }
            audit.record(access, "invitation.revoked", "invitation", invitationId, Map.of());
        });
    }

    /** The signed-in invitee joins the workspace with the invited role. */
    WorkspaceView accept(UUID userId, String userEmail, String token) {
        return QuarkusTransaction.requiringNew().call(() -> {
            InvitationView invitation = pendingFor(userEmail, token);
            Number already = (Number) em.createNativeQuery("select count(*) from workspace_members"
                                                           + " where workspace_id = ?1 and user_id = ?2")
                    .setParameter(1, invitation.workspaceId()).setParameter(2, userId).getSingleResult();
            if (already.intValue() > 0) {
                throw new Problems.Conflict("You are a member of this workspace already.");
            }
            Instant now = clock.instant();
            decide(invitation.id(), "accepted", userId, now);
            workspaces.addMember(invitation.workspaceId(), userId, invitation.role(), now);
            audit.record(invitation.workspaceId(), userId, null, "member.joined", "user", userId,
                         Map.of("role", invitation.role(), "invitation_id", invitation.id()));
            return WorkspaceView.of(Workspace.findById(invitation.workspaceId()), invitation.role());
        });
    }

    void decline(UUID userId, String userEmail, String token) {
        QuarkusTransaction.requiringNew().run(() -> {
            InvitationView invitation = pendingFor(userEmail, token);
            decide(invitation.id(), "declined", userId, clock.instant());
            audit.record(invitation.workspaceId(), userId, null, "invitation.declined", "invitation",
                         invitation.id(), Map.of());
        });
    }

    private InvitationView pendingFor(String userEmail, String token) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS + " from workspace_invitations"
                                                   + " where token_hash = ?1 and status = 'pending' and expires_at > ?2"
                                                   + " and email = ?3 for update")
                .setParameter(1, Sha256.hex(token)).setParameter(2, Timestamp.from(clock.instant()))
                .setParameter(3, userEmail.toLowerCase(Locale.ROOT)).getResultList();
        return rows.stream().findFirst().map(Invitations::view)
                .orElseThrow(() -> new Problems.NotFound("The invitation"));
    }

    private void decide(UUID invitationId, String status, UUID userId, Instant now) {
        em.createNativeQuery("update workspace_invitations set status = ?2, decided_at = ?3, decided_by = ?4"
                             + " where id = ?1")
                .setParameter(1, invitationId).setParameter(2, status).setParameter(3, Timestamp.from(now))
                .setParameter(4, userId).executeUpdate();
    }

    private static InvitationView view(Object[] r) {
        return new InvitationView((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (String) r[4], (UUID) r[5],
                                  SqlValues.instant(r[6]), SqlValues.instant(r[7]), SqlValues.instant(r[8]), null);
    }
}
