package dev.poststride.workspace;

import dev.poststride.common.Problems;
import dev.poststride.user.AccountClosing;
import dev.poststride.user.AccountExport;
import dev.poststride.user.UserRegistered;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Workspaces as the other features meet them: every user's personal workspace (made at registration), a workspace's
 * approval setting, and closing workspaces — explicitly, or with the account of their last member.
 */
@ApplicationScoped
public class Workspaces {

    private static final Logger LOG = Logger.getLogger(Workspaces.class);

    private final EntityManager em;
    private final Event<WorkspaceClosing> closing;
    private final Clock clock;

    Workspaces(EntityManager em, Event<WorkspaceClosing> closing, Clock clock) {
        this.em = em;
        this.closing = closing;
        this.clock = clock;
    }

    /** The user's personal workspace. */
    public UUID personalOf(UUID userId) {
        return QuarkusTransaction.joiningExisting().call(() -> (UUID) em.createNativeQuery(
                "select id from workspaces where personal_of = ?1").setParameter(1, userId).getSingleResult());
    }

    /** Whose scheduled posts wait for approval in the workspace. */
    public Approvals approvals(UUID workspaceId) {
        return QuarkusTransaction.joiningExisting().call(() -> Workspace.<Workspace>findByIdOptional(workspaceId))
                .flatMap(w -> Approvals.fromKey(w.approvals)).orElse(Approvals.OFF);
    }

    /** Every user starts with a personal workspace of their own, which they own. */
    void onUserRegistered(@Observes UserRegistered registered) {
        Instant now = clock.instant();
        Workspace personal = new Workspace();
        personal.id = UUID.randomUUID();
        String name = registered.username() != null ? registered.username()
                : registered.email().substring(0, registered.email().indexOf('@'));
        personal.name = (name.length() > 80 ? name.substring(0, 80) : name) + "'s workspace";
        personal.personalOf = registered.userId();
        personal.approvals = Approvals.OFF.key();
        personal.createdBy = registered.userId();
        personal.createdAt = now;
        personal.updatedAt = now;
        personal.persist();
        addMember(personal.id, registered.userId(), "owner", now);
    }

    void addMember(UUID workspaceId, UUID userId, String role, Instant now) {
        em.createNativeQuery("insert into workspace_members (workspace_id, user_id, role, created_at)"
                             + " values (?1, ?2, ?3, ?4)")
                .setParameter(1, workspaceId).setParameter(2, userId).setParameter(3, role)
                .setParameter(4, Timestamp.from(now)).executeUpdate();
    }

    /**
     * Closing an account closes the workspaces that would be left without anyone: the personal one, and shared ones
     * where the user is the only member. A shared workspace whose only owner is the user but which has other members
     * is refused (409): ownership must be handed over first, or the team would lose its workspace.
     */
    void onAccountClosing(@Observes AccountClosing account) {
        List<UUID> orphaned = QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object> stranded = em.createNativeQuery(
                            "select w.name from workspaces w join workspace_members m on m.workspace_id = w.id"
                            + " where m.user_id = ?1 and m.role = 'owner' and w.personal_of is null"
                            + " and not exists (select 1 from workspace_members o where o.workspace_id = w.id"
                            + "   and o.user_id <> ?1 and o.role = 'owner')"
                            + " and exists (select 1 from workspace_members o where o.workspace_id = w.id"
                            + "   and o.user_id <> ?1)")
                    .setParameter(1, account.userId()).getResultList();
            if (!stranded.isEmpty()) {
                throw new Problems.Conflict("You are the only owner of " + stranded + ", which has other members;"
                                            + " make one of them an owner (or transfer ownership) first.");
            }
            @SuppressWarnings("unchecked")
            List<UUID> alone = em.createNativeQuery(
                            "select w.id from workspaces w join workspace_members m on m.workspace_id = w.id"
                            + " where m.user_id = ?1 and (w.personal_of = ?1 or not exists (select 1 from"
                            + " workspace_members o where o.workspace_id = w.id and o.user_id <> ?1))")
                    .setParameter(1, account.userId()).getResultList();
            return alone;
        });
        orphaned.forEach(this::close);
    }

    /**
     * Closes a workspace: its observers first (grants revoked at the platforms, media bytes removed; a post being
     * published makes this a 409), then the row, which takes posts, media, connections, keys and the log with it.
     */
    void close(UUID workspaceId) {
        closing.fire(new WorkspaceClosing(workspaceId));
        QuarkusTransaction.requiringNew().run(() -> Workspace.deleteById(workspaceId));
        LOG.infof("Workspace %s closed", workspaceId);
    }

    /** The export's workspaces: those the user belongs to, with their role. */
    void onExport(@Observes AccountExport export) {
        export.add("workspaces", QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                            "select w.id, w.name, w.personal_of is not null, m.role, m.created_at from workspaces w"
                            + " join workspace_members m on m.workspace_id = w.id where m.user_id = ?1"
                            + " order by m.created_at, w.id")
                    .setParameter(1, export.userId()).getResultList();
            return rows.stream().map(r -> java.util.Map.of("id", r[0], "name", r[1], "personal", r[2], "role", r[3],
                                                            "joined_at",
                                                            dev.poststride.common.SqlValues.instant(r[4]))).toList();
        }));
    }
}
