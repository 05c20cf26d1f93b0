package dev.poststride.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poststride.common.Page;
import dev.poststride.common.SqlValues;
import dev.poststride.common.access.Access;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who did what in a workspace: connected or disconnected an account, invited or removed whom, created or revoked a
 * key, approved or rejected a post, changed a setting. Written in the transaction of the change it records (when
 * there is one), so an entry exists exactly when the change does.
 */
@ApplicationScoped
public class AuditLog {

    /** One entry as the API shows it. */
    public record Entry(UUID id, String action, UUID actorUserId, UUID actorKeyId, String subjectType,
                        UUID subjectId, Map<String, Object> details, Instant createdAt) {
    }

    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;

    AuditLog(EntityManager em, ObjectMapper json, Clock clock) {
        this.em = em;
        this.json = json;
        this.clock = clock;
    }

    /** Records {@code action} by the caller of {@code access} in its workspace. */
    public void record(Access access, String action, String subjectType, UUID subjectId, Map<String, ?> details) {
        record(access.workspace(), access.userId(), access.keyId().orElse(null), action, subjectType, subjectId,
               details);
    }

    /** Records {@code action} in a workspace by whoever is named (a key may be null; both, for the engine). */
    public void record(UUID workspaceId, UUID actorUserId, UUID actorKeyId, String action, String subjectType,
                       UUID subjectId, Map<String, ?> details) {
        String detailsJson;
        try {
            detailsJson = json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Audit details cannot be written", e);
        }
        QuarkusTransaction.joiningExisting().run(() -> em.createNativeQuery(
                        "insert into audit_events (id, workspace_id, actor_user_id, actor_key_id, action, subject_type,"
                        + " subject_id, details, created_at)"
                         + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(?8 as jsonb), ?9)")
                .setParameter(1, UUID.randomUUID()).setParameter(2, workspaceId).setParameter(3, actorUserId)
                .setParameter(4, actorKeyId).setParameter(5, action).setParameter(6, subjectType)
                .setParameter(7, subjectId).setParameter(8, detailsJson)
                .setParameter(9, Timestamp.from(clock.instant())).executeUpdate());
    }

    @SuppressWarnings("unchecked")
    Page<Entry> page(UUID workspaceId, Page.PageRequest request) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long total = ((Number) em.createNativeQuery("select count(*) from audit_events where workspace_id = ?1")
                    .setParameter(1, workspaceId).getSingleResult()).longValue();
            List<Object[]> rows = em.createNativeQuery(
                            "select id, action, actor_user_id, actor_key_id, subject_type, subject_id,"
                            + " cast(details as text), created_at from audit_events where workspace_id = ?1"
                            + " order by created_at desc, id desc limit ?2 offset ?3")
                    .setParameter(1, workspaceId).setParameter(2, request.size()).setParameter(3, request.offset())
                    .getResultList();
            List<Entry> entries = rows.stream().map(r -> new Entry((UUID) r[0], (String) r[1], (UUID) r[2],
                                                                    (UUID) r[3], (String) r[4], (UUID) r[5],
                                                                    details((String) r[6]),
                                                                    SqlValues.instant(r[7]))).toList();
            return Page.of(entries, request, total);
        });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> details(String text) {
        try {
            return json.readValue(text, Map.class);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
