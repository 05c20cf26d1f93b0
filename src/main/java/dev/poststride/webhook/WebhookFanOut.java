package dev.poststride.webhook;

import dev.poststride.event.EventRelay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;

/**
 * Queues a delivery for every active endpoint of the event's workspace whose filter takes it, in the relay's
 * transaction (so an event is queued exactly once, whichever instance relays it). Test events are queued by the call
 * that makes them.
 */
@ApplicationScoped
class WebhookFanOut {

    private final EntityManager em;
    private final Clock clock;

    WebhookFanOut(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    void onSequenced(@Observes EventRelay.Sequenced sequenced) {
        em.createNativeQuery("""
                        insert into webhook_deliveries (id, endpoint_id, event_id, status, next_attempt_at, created_at,
                                                        updated_at)
                        select gen_random_uuid(), w.id, e.id, 'pending', ?3, ?3, ?3
                        from events e join webhook_endpoints w on w.workspace_id = e.workspace_id
                        where e.seq between ?1 and ?2 and e.endpoint_id is null and w.status = 'active'
                          and (w.event_types is null
                               or position(',' || e.type || ',' in ',' || w.event_types || ',') > 0)
                        on conflict (endpoint_id, event_id) do nothing""")
                .setParameter(1, sequenced.first()).setParameter(2, sequenced.last())
                .setParameter(3, Timestamp.from(clock.instant())).executeUpdate();
    }
}
