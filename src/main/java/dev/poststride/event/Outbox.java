package dev.poststride.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The transactional outbox: an event is a row written in the transaction of the change it tells of, so it exists
 * exactly when the change committed — none is lost when an instance dies after the change, and none tells of a
 * change that rolled back. Webhook deliveries and the event stream read it from there ({@link EventRelay}).
 */
@ApplicationScoped
public class Outbox {

    /** What clients receive, byte for byte: the webhook body and the stream's {@code data}. */
    @RegisterForReflection
    public record Envelope(UUID id, String type, Instant timestamp, UUID workspaceId, Object data) {
    }

    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;

    Outbox(EntityManager em, ObjectMapper json, Clock clock) {
        this.em = em;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records an event in the caller's transaction (there must be one). {@code data} is the subject as the API shows
     * it, at this moment.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(UUID workspaceId, EventType type, Object data) {
        return insert(workspaceId, type.key(), data, null);
    }

    /** A test event for one webhook endpoint only (not fanned out, not in the stream). */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID recordTest(UUID workspaceId, UUID endpointId, Object data) {
        return insert(workspaceId, EventType.TEST, data, endpointId);
    }

    private UUID insert(UUID workspaceId, String type, Object data, UUID endpointId) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String payload;
        try {
            payload = json.writeValueAsString(new Envelope(id, type, now, workspaceId, data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event's data does not serialise", e);
        }
        em.createNativeQuery("insert into events (id, workspace_id, type, payload, endpoint_id, created_at)"
                             + " values (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, id).setParameter(2, workspaceId).setParameter(3, type).setParameter(4, payload)
                .setParameter(5, endpointId).setParameter(6, Timestamp.from(now)).executeUpdate();
        return id;
    }
}
