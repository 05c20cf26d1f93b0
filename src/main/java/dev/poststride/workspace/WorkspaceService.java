package dev.poststride.workspace;

import dev.poststride.common.Problems;
import dev.poststride.common.SqlValues;
import dev.poststride.common.access.Access;
import dev.poststride.common.access.Permission;
import dev.poststride.common.access.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Workspaces and their members: creating, listing, settings, roles, leaving, handing over ownership, deleting. */
@ApplicationScoped
class WorkspaceService {

    private final Workspaces workspaces;
    private final AuditLog audit;
    private final EntityManager em;
    private final Clock clock;

    WorkspaceService(Workspaces workspaces, AuditLog audit, EntityManager em, Clock clock) {
        this.workspaces = workspaces;
        this.audit = audit;
        this.em = em;
        this.clock = clock;
    }

    /** The caller's workspaces, personal first, then by name. */
    List<WorkspaceView> mine(UUID userId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                            "select w.id, m.role from workspaces w join workspace_members m on m.workspace_id = w.id"
                            + " where m.user_id = ?1 order by w.personal_of is null, lower(w.name), w.id")
                    .setParameter(1, userId).getResultList();
            return rows.stream().map(r -> WorkspaceView.of(Workspace.findById(r[0]), (String) r[1])).toList();
        });
    }

    /** A new shared workspace; its creator owns it. */
    WorkspaceView create(UUID userId, String name) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            Workspace workspace = new Workspace();
            workspace.id = UUID.randomUUID();
            workspace.name = name.strip();
            workspace.approvals = Approvals.OFF.key();
            workspace.createdBy = userId;
            workspace.createdAt = now;
            workspace.updatedAt = now;
            workspace.persist();
            workspaces.addMember(workspace.id, userId, Role.OWNER.key(), now);
            audit.record(workspace.id, userId, null, "workspace.created", "workspace", workspace.id,
                         Map.of("name", workspace.name));
            return WorkspaceView.of(workspace, Role.OWNER.key());
        });
    }

    WorkspaceView get(Access access) {
        UUID id = access.workspace();
        return QuarkusTransaction.requiringNew().call(
                () -> WorkspaceView.of(Workspace.findById(id), access.role().orElseThrow().key()));
    }

    /** Renames the workspace or changes who needs approval; only what is given changes. */
    WorkspaceView update(Access access, WorkspaceRequests.UpdateWorkspace request) {
        Optional<Approvals> approvals = Optional.ofNullable(request.approvals()).map(a -> Approvals.fromKey(a)
                .orElseThrow(() -> new Problems.Invalid("approvals", "must be off, contributors or everyone")));
        return QuarkusTransaction.requiringNew().call(() -> {
            Workspace workspace = Workspace.findById(access.workspace(), LockModeType.PESSIMISTIC_WRITE);
            if (request.name() != null) {
                workspace.name = request.name().strip();
            }
            approvals.ifPresent(a -> workspace.approvals = a.key());
            workspace.updatedAt = clock.instant();
            audit.record(access, "workspace.settings_changed", "workspace", workspace.id,
                         Map.of("name", workspace.name, "approvals", workspace.approvals));
            return WorkspaceView.of(workspace, access.role().orElseThrow().key());
        });
    }

    /** Deletes a shared workspace and everything in it; a personal workspace goes only with its account. */
    void delete(Access access) {
        UUID id = access.workspace();
        boolean personal = QuarkusTransaction.requiringNew().call(() -> Workspace.<Workspace>findById(id).personalOf)
                           != null;
        if (personal) {
            throw new Problems.Conflict("A personal workspace cannot be deleted; it goes with its account.");
        }
        workspaces.close(id);
    }

    List<MemberView> members(Access access) {
        UUID id = access.workspace();
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                            "select u.id, u.email, u.username, m.role, m.created_at from workspace_members m"
                            + " join users u on u.id = m.user_id where m.workspace_id = ?1 order by m.created_at, u.id")
                    .setParameter(1, id).getResultList();
            return rows.stream().map(r -> new MemberView((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                                                         SqlValues.instant(r[4]))).toList();
        });
    }

    /**
     * Gives a member another role. Admins manage everyone but owners; making or unmaking an owner takes an owner; the
     * last owner stays one.
     */
    MemberView changeRole(Access access, UUID userId, String roleKey) {
        Role role = Role.fromKey(roleKey).orElseThrow(() -> new Problems.Invalid(
                "role", "must be one of owner, admin, editor, contributor, viewer"));
        UUID id = access.workspace();
        return QuarkusTransaction.requiringNew().call(() -> {
            lockMembers(id);
            Role current = roleOf(id, userId).orElseThrow(() -> new Problems.NotFound("The member"));
            if ((role == Role.OWNER || current == Role.OWNER) && !access.can(Permission.WORKSPACE_OWN)) {
                throw new Problems.Forbidden("Only an owner can make or unmake an owner.");
            }
            if (current == Role.OWNER && role != Role.OWNER && owners(id) == 1) {
                throw new Problems.Conflict("This is the workspace's last owner; make someone else an owner first.");
            }
            em.createNativeQuery("update workspace_members set role = ?3 where workspace_id = ?1 and user_id = ?2")
                    .setParameter(1, id).setParameter(2, userId).setParameter(3, role.key()).executeUpdate();
            audit.record(access, "member.role_changed", "user", userId,
                         Map.of("from", current.key(), "to", role.key()));
            return member(id, userId);
        });
    }

    /** Removes a member (an admin removing someone, or anyone leaving); their API keys of this workspace die. */
    void remove(Access access, UUID userId) {
        UUID id = access.workspace();
        boolean leaving = userId.equals(access.userId());
        QuarkusTransaction.requiringNew().run(() -> {
            lockMembers(id);
            Workspace workspace = Workspace.findById(id);
            if (workspace.personalOf != null) {
                throw new Problems.Conflict("Nobody leaves a personal workspace; it goes with its account.");
            }
            Role current = roleOf(id, userId).orElseThrow(() -> new Problems.NotFound("The member"));
            if (!leaving) {
                access.require(Permission.WORKSPACE_ADMIN);
                if (current == Role.OWNER && !access.can(Permission.WORKSPACE_OWN)) {
                    throw new Problems.Forbidden("Only an owner can remove an owner.");
                }
            }
            if (current == Role.OWNER && owners(id) == 1) {
                throw new Problems.Conflict("The last owner cannot leave; transfer ownership or delete the"
                                            + " workspace.");
            }
            em.createNativeQuery("delete from workspace_members where workspace_id = ?1 and user_id = ?2")
                    .setParameter(1, id).setParameter(2, userId).executeUpdate();
            em.createNativeQuery("update api_keys set revoked_at = ?3 where workspace_id = ?1 and created_by = ?2"
                                 + " and revoked_at is null")
                    .setParameter(1, id).setParameter(2, userId).setParameter(3, Timestamp.from(clock.instant()))
                    .executeUpdate();
            audit.record(access, leaving ? "member.left" : "member.removed", "user", userId,
                         Map.of("role", current.key()));
        });
    }

    /** Hands ownership to another member: they become an owner, the caller an admin. */
    MemberView transfer(Access access, UUID userId) {
        UUID id = access.workspace();
        if (userId.equals(access.userId())) {
            throw new Problems.Invalid("user_id", "is you; name the member who takes over");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            lockMembers(id);
            roleOf(id, userId).orElseThrow(() -> new Problems.NotFound("The member"));
            em.createNativeQuery("update workspace_members set role = 'owner' where workspace_id = ?1"
                                 + " and user_id = ?2").setParameter(1, id).setParameter(2, userId).executeUpdate();
            em.createNativeQuery("update workspace_members set role = 'admin' where workspace_id = ?1"
                                 + " and user_id = ?2").setParameter(1, id).setParameter(2, access.userId())
                    .executeUpdate();
            audit.record(access, "ownership.transferred", "user", userId, Map.of());
            return member(id, userId);
        });
    }

    /** Membership changes take the workspace's row lock first, so two of them cannot both remove "another" owner. */
    private void lockMembers(UUID workspaceId) {
        Workspace.findById(workspaceId, LockModeType.PESSIMISTIC_WRITE);
    }

    private Optional<Role> roleOf(UUID workspaceId, UUID userId) {
        @SuppressWarnings("unchecked")
        List<String> roles = em.createNativeQuery("select role from workspace_members where workspace_id = ?1"
                                                  + " and user_id = ?2")
                .setParameter(1, workspaceId).setParameter(2, userId).getResultList();
        return roles.stream().findFirst().flatMap(Role::fromKey);
    }

    private long owners(UUID workspaceId) {
        return ((Number) em.createNativeQuery("select count(*) from workspace_members where workspace_id = ?1"
                                              + " and role = 'owner'").setParameter(1, workspaceId)
                .getSingleResult()).longValue();
    }

    private MemberView member(UUID workspaceId, UUID userId) {
        Object[] r = (Object[]) em.createNativeQuery(
                        "select u.id, u.email, u.username, m.role, m.created_at from workspace_members m"
                        + " join users u on u.id = m.user_id where m.workspace_id = ?1 and m.user_id = ?2")
                .setParameter(1, workspaceId).setParameter(2, userId).getSingleResult();
        return new MemberView((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], SqlValues.instant(r[4]));
    }
}
