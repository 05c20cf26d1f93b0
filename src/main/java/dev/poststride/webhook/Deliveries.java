package dev.poststride.webhook;

import dev.poststride.common.SqlValues;
import dev.poststride.common.crypto.TokenVault;
import dev.poststride.common.work.LeasedRows;
import dev.poststride.event.EventRelay;
import dev.poststride.workspace.AuditLog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * The state of webhook deliveries, claimed in the database like the publishing engine's targets: an instance claims
 * due deliveries with {@code SKIP LOCKED} under a lease, sends them, and writes the outcome only if it still holds
 * the lease. A delivery whose instance died mid-send is taken over when the lease ends and sent again with the same
 * {@code webhook-id} (receivers drop what they already have).
 */
@ApplicationScoped
class Deliveries {

    private static final Logger LOG = Logger.getLogger(Deliveries.class);

    /** A delivery this instance now holds, with what it takes to send it. */
    record Claimed(UUID id, UUID endpointId, UUID workspaceId, int attempt, String url, String eventId,
                   String payload, List<String> secrets) {
    }

    /** Deliveries as leased work: held while sending. */
    private static final LeasedRows DELIVERIES = new LeasedRows("webhook_deliveries", "sending");

    /** Due deliveries of active endpoints, oldest first, with what it takes to send them. */
    private static final String CLAIM = "with claimed as (" + DELIVERIES.claim("""
            select d.id from webhook_deliveries d
            join webhook_endpoints w on w.id = d.endpoint_id and w.status = 'active'
            where d.status = 'pending' and d.next_attempt_at <= ?3
            order by d.next_attempt_at limit ?4
            for update of d skip locked""", "t.endpoint_id, t.event_id") + """
            )
            select c.id, c.endpoint_id, w.workspace_id, c.attempts, w.url, e.id, e.payload,
                   w.secret_sealed, w.previous_secret_sealed, w.previous_secret_expires_at
            from claimed c join webhook_endpoints w on w.id = c.endpoint_id
            join events e on e.id = c.event_id""";

    private final EntityManager em;
    private final TokenVault vault;
    private final WebhookConfig config;
    private final AuditLog audit;

    Deliveries(EntityManager em, TokenVault vault, WebhookConfig config, AuditLog audit) {
        this.em = em;
        this.vault = vault;
        this.config = config;
        this.audit = audit;
    }

    /** Claims up to {@code limit} due deliveries of active endpoints (after giving back leases that ran out). */
    @SuppressWarnings("unchecked")
    List<Claimed> claim(String owner, int limit, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("update webhook_deliveries set status = 'pending', next_attempt_at = ?1,"
                                 + " lease_owner = null, lease_expires_at = null, updated_at = ?1"
                                 + " where status = 'sending' and lease_expires_at < ?1")
                    .setParameter(1, Timestamp.from(now)).executeUpdate();
            List<Object[]> rows = em.createNativeQuery(CLAIM)
                    .setParameter(1, owner).setParameter(2, Timestamp.from(now.plus(config.lease())))
                    .setParameter(3, Timestamp.from(now)).setParameter(4, limit).getResultList();
            List<Claimed> claimed = new ArrayList<>();
            for (Object[] r : rows) {
                UUID endpointId = (UUID) r[1];
                UUID workspaceId = (UUID) r[2];
                List<String> secrets = secrets(workspaceId, endpointId, (String) r[7], (String) r[8],
                                               SqlValues.instant(r[9]), now);
                claimed.add(new Claimed((UUID) r[0], endpointId, workspaceId, ((Number) r[3]).intValue(),
                                        (String) r[4], r[5].toString(), (String) r[6], secrets));
            }
            return claimed;
        });
    }

    /**
     * The secrets to sign with: the current one, and the previous one during a rotation's overlap. Empty when the
     * vault cannot open them (its key was replaced without re-sealing): that delivery fails, the others go on.
     */
    private List<String> secrets(UUID workspaceId, UUID endpointId, String current, String previous,
                                 Instant previousUntil, Instant now) {
        String context = WebhookEndpoint.sealContext(workspaceId, endpointId);
        try {
            List<String> secrets = new ArrayList<>(List.of(vault.open(current, context)));
            if (previous != null && previousUntil != null && previousUntil.isAfter(now)) {
                secrets.add(vault.open(previous, context));
            }
            return secrets;
        } catch (TokenVault.VaultException e) {
            LOG.errorf("The signing secret of webhook endpoint %s cannot be opened: %s", endpointId, e.getMessage());
            return List.of();
        }
    }

    /**
     * Writes an attempt's outcome: delivered; or pending again after the next wait of the schedule; or failed when
     * the schedule is used up. Keeps the endpoint's health (failing since when; disabled when failing too long).
     * Returns false when the lease was lost meanwhile (the attempt is still logged).
     */
    boolean finish(Claimed claimed, String owner, WebhookSender.Result result, Instant startedAt, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Duration> schedule = config.retrySchedule();
            boolean retry = !result.delivered() && claimed.attempt() <= schedule.size();
            String status = result.delivered() ? "delivered" : retry ? "pending" : "failed";
            Instant next = retry ? now.plus(jittered(schedule.get(claimed.attempt() - 1))) : null;
            int updated = em.createNativeQuery("""
                            update webhook_deliveries set status = ?4, next_attempt_at = ?5, last_status_code = ?6,
                                   last_error = ?7, lease_owner = null, lease_expires_at = null, updated_at = ?8
                            where id = ?1""" + " and " + DELIVERIES.fence(2, 3))
                    .setParameter(1, claimed.id()).setParameter(2, owner).setParameter(3, claimed.attempt())
                    .setParameter(4, status).setParameter(5, next == null ? null : Timestamp.from(next))
                    .setParameter(6, result.statusCode()).setParameter(7, result.error())
                    .setParameter(8, Timestamp.from(now)).executeUpdate();
            em.createNativeQuery("""
                            insert into webhook_attempts (id, delivery_id, number, started_at, duration_ms, outcome,
                                                          status_code, error, response_excerpt)
                            select gen_random_uuid(), ?1, coalesce(max(number), 0) + 1, ?2, ?3, ?4, ?5, ?6, ?7
                            from webhook_attempts where delivery_id = ?1""")
                    .setParameter(1, claimed.id()).setParameter(2, Timestamp.from(startedAt))
                    .setParameter(3, (int) Math.max(0, Duration.between(startedAt, now).toMillis()))
                    .setParameter(4, result.outcome()).setParameter(5, result.statusCode())
                    .setParameter(6, result.error()).setParameter(7, result.excerpt()).executeUpdate();
            if (result.delivered()) {
                em.createNativeQuery("update webhook_endpoints set failing_since = null where id = ?1"
                                     + " and failing_since is not null")
                        .setParameter(1, claimed.endpointId()).executeUpdate();
            } else {
                failing(claimed, now);
            }
            return updated > 0;
        });
    }

    /** A delivery of {@code eventId} to one endpoint, due now (in the caller's transaction); its id. */
    UUID queue(UUID endpointId, UUID eventId, Instant now) {
        UUID deliveryId = UUID.randomUUID();
        em.createNativeQuery("insert into webhook_deliveries (id, endpoint_id, event_id, status, next_attempt_at,"
                             + " created_at, updated_at) values (?1, ?2, ?3, 'pending', ?4, ?4, ?4)")
                .setParameter(1, deliveryId).setParameter(2, endpointId).setParameter(3, eventId)
                .setParameter(4, Timestamp.from(now)).executeUpdate();
        wakeWorkers();
        return deliveryId;
    }

    /**
     * A delivery sent again from the start, now, with the same {@code webhook-id} (in the caller's transaction, which
     * holds its row locked and saw it was not being sent).
     */
    void sendAgain(UUID deliveryId, Instant now) {
        em.createNativeQuery("update webhook_deliveries set status = 'pending', attempts = 0, next_attempt_at = ?2,"
                             + " updated_at = ?2 where id = ?1 and status <> ?3")
                .setParameter(1, deliveryId).setParameter(2, Timestamp.from(now)).setParameter(3, DELIVERIES.held())
                .executeUpdate();
        wakeWorkers();
    }

    /** Wakes the webhook workers of every instance when this transaction commits (as a new event does). */
    private void wakeWorkers() {
        em.createNativeQuery("select count(*) from (select pg_notify(?1, '')) notified")
                .setParameter(1, EventRelay.WRITTEN_CHANNEL).getSingleResult();
    }

    /** The endpoint failed again: since when it fails, and disabled (with its reason) once that is too long. */
    private void failing(Claimed claimed, Instant now) {
        Instant limit = now.minus(config.disableAfter());
        int disabled = em.createNativeQuery("""
                        update webhook_endpoints set failing_since = coalesce(failing_since, ?2),
                               status = case when failing_since <= ?3 then 'disabled' else status end,
                               disabled_reason = case when failing_since <= ?3 then ?4 else disabled_reason end,
                               updated_at = case when failing_since <= ?3 then ?2 else updated_at end
                        where id = ?1 and status = 'active'
                        returning status""")
                .setParameter(1, claimed.endpointId()).setParameter(2, Timestamp.from(now))
                .setParameter(3, Timestamp.from(limit))
                .setParameter(4, "Every delivery failed for " + config.disableAfter().toHours()
                                 + " hours; fix the receiver, then enable the webhook again.")
                .getResultStream().filter("disabled"::equals).toList().size();
        if (disabled > 0) {
            LOG.warnf("Webhook endpoint %s disabled: every delivery failed for %s", claimed.endpointId(),
                      config.disableAfter());
            audit.record(claimed.workspaceId(), null, null, "webhook.disabled", "webhook", claimed.endpointId(),
                         Map.of("failing_for_hours", config.disableAfter().toHours()));
        }
    }

    private Duration jittered(Duration wait) {
        double spread = config.jitter();
        double factor = 1 + (spread <= 0 ? 0 : ThreadLocalRandom.current().nextDouble(-spread, spread));
        return Duration.ofMillis(Math.round(wait.toMillis() * factor));
    }

    /** The outbox's lag, for alerting: the oldest event not yet positioned and the oldest delivery overdue. */
    Duration lag(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object oldest = em.createNativeQuery("""
                            select least((select min(created_at) from events where seq is null),
                                         (select min(next_attempt_at) from webhook_deliveries d
                                          join webhook_endpoints w on w.id = d.endpoint_id and w.status = 'active'
                                          where d.status = 'pending' and d.next_attempt_at <= ?1))""")
                    .setParameter(1, Timestamp.from(now)).getSingleResult();
            Instant since = SqlValues.instant(oldest);
            return since == null || since.isAfter(now) ? Duration.ZERO : Duration.between(since, now);
        });
    }
}
