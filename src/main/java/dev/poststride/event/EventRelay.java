package dev.poststride.event;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Gives committed events their place in the stream and hands them on, one relay at a time across all instances (a
 * transaction-scoped advisory lock; a second relay waits for the first to commit, then sees what it left). An event
 * is positioned only once it committed, and positions are handed out in relay order, so a stream reader that has
 * seen position {@code n} has seen every event positioned before it. In the same transaction observers of
 * {@link Sequenced} (the webhooks) queue their deliveries, and a notification tells every instance's streams.
 */
@ApplicationScoped
public class EventRelay {

    /** Events that just got positions {@code first..last} (some positions may be test events). */
    public record Sequenced(long first, long last) {
    }

    /** Notified with the newest position after a relay positioned events. */
    public static final String POSITIONED_CHANNEL = "poststride_events_ready";
    /** Notified by the trigger on {@code events} whenever one is written. */
    public static final String WRITTEN_CHANNEL = "poststride_events";

    private static final long RELAY_LOCK = 0x5053_5245_4C41_59L;
    private static final int BATCH = 1000;

    private final EntityManager em;
    private final Event<Sequenced> sequenced;
    private final EventStreams streams;

    EventRelay(EntityManager em, Event<Sequenced> sequenced, EventStreams streams) {
        this.em = em;
        this.sequenced = sequenced;
        this.streams = streams;
    }

    /** Positions every committed event that has none yet (in batches); returns how many. */
    public int relay() {
        int total = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(this::relayBatch);
            total += batch;
        } while (batch == BATCH);
        if (total > 0) {
            streams.poke();
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    private int relayBatch() {
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(?1)) locked")
                .setParameter(1, RELAY_LOCK).getSingleResult();
        // Positions in the order the events were written (nextval over the ordered rows, not in update order).
        List<Number> positions = em.createNativeQuery("""
                        update events e set seq = numbered.position
                        from (select id, nextval('events_seq') as position
                              from (select id from events where seq is null order by created_at, id limit ?1) waiting)
                             numbered
                        where e.id = numbered.id
                        returning e.seq""").setParameter(1, BATCH).getResultList();
        if (positions.isEmpty()) {
            return 0;
        }
        long first = positions.stream().mapToLong(Number::longValue).min().orElseThrow();
        long last = positions.stream().mapToLong(Number::longValue).max().orElseThrow();
        sequenced.fire(new Sequenced(first, last));
        em.createNativeQuery("select count(*) from (select pg_notify(?1, ?2)) notified")
                .setParameter(1, POSITIONED_CHANNEL).setParameter(2, Long.toString(last)).getSingleResult();
        return positions.size();
    }
}
