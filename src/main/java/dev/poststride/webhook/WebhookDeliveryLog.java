package dev.poststride.webhook;

import dev.poststride.common.Page;
import dev.poststride.common.Problems;
import dev.poststride.common.SqlValues;
import dev.poststride.common.access.Access;
import dev.poststride.webhook.WebhookViews.AttemptView;
import dev.poststride.webhook.WebhookViews.DeliveryView;
import dev.poststride.workspace.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A webhook endpoint's delivery log, each delivery with its attempts, and sending one of them again. */
@ApplicationScoped
public class WebhookDeliveryLog {

    private final Deliveries deliveries;
    private final AuditLog audit;
    private final EntityManager em;
    private final Clock clock;

    WebhookDeliveryLog(Deliveries deliveries, AuditLog audit, EntityManager em, Clock clock) {
        this.deliveries = deliveries;
        this.audit = audit;
        this.em = em;
        this.clock = clock;
    }

    /** The endpoint's deliveries, newest first, each with its log of attempts. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Page<DeliveryView> deliveries(UUID workspaceId, UUID id, Page.PageRequest page) {
        WebhookEndpoint endpoint = owned(workspaceId, id);
        long total = ((Number) em.createNativeQuery("select count(*) from webhook_deliveries where endpoint_id = ?1")
                .setParameter(1, endpoint.id).getSingleResult()).longValue();
        List<Object[]> rows = em.createNativeQuery("""
                        select d.id, d.event_id, e.type, d.status, d.attempts, d.next_attempt_at, d.last_status_code,
                               d.last_error, d.created_at, d.updated_at
                        from webhook_deliveries d join events e on e.id = d.event_id
                        where d.endpoint_id = ?1 order by d.created_at desc, d.id desc limit ?2 offset ?3""")
                .setParameter(1, endpoint.id).setParameter(2, page.size()).setParameter(3, (long) page.offset())
                .getResultList();
        Map<UUID, List<AttemptView>> logs = attempts(rows.stream().map(r -> (UUID) r[0]).toList());
        List<DeliveryView> items = new ArrayList<>();
        for (Object[] r : rows) {
            items.add(new DeliveryView((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3],
                                       ((Number) r[4]).intValue(), SqlValues.instant(r[5]), integer(r[6]),
                                       (String) r[7], SqlValues.instant(r[8]), SqlValues.instant(r[9]),
                                       logs.getOrDefault((UUID) r[0], List.of())));
        }
        return Page.of(items, page, total);
    }

    /** Sends a delivery again, now, with the same {@code webhook-id} (409 while it is being sent). */
    @Transactional
    public DeliveryView redeliver(Access access, UUID id, UUID deliveryId) {
        WebhookEndpoint endpoint = owned(access.workspace(), id);
        if (!WebhookEndpoint.ACTIVE.equals(endpoint.status)) {
            throw new Problems.Conflict("This webhook is disabled; enable it first.");
        }
        List<?> found = em.createNativeQuery("select status from webhook_deliveries where id = ?1 and endpoint_id = ?2"
                                             + " for update")
                .setParameter(1, deliveryId).setParameter(2, endpoint.id).getResultList();
        if (found.isEmpty()) {
            throw new Problems.NotFound("The delivery");
        }
        if ("sending".equals(found.get(0))) {
            throw new Problems.Conflict("This delivery is being sent right now.");
        }
        deliveries.sendAgain(deliveryId, clock.instant());
        audit.record(access, "webhook.redelivered", "webhook", endpoint.id, Map.of("delivery_id", deliveryId));
        return deliveries(access.workspace(), id, new Page.PageRequest(0, 100)).items().stream()
                .filter(d -> d.id().equals(deliveryId)).findFirst().orElseThrow();
    }

    private static WebhookEndpoint owned(UUID workspaceId, UUID id) {
        return WebhookEndpoint.findOwned(id, workspaceId).orElseThrow(() -> new Problems.NotFound("The webhook"));
    }

    @SuppressWarnings("unchecked")
    private Map<UUID, List<AttemptView>> attempts(List<UUID> deliveryIds) {
        Map<UUID, List<AttemptView>> logs = new LinkedHashMap<>();
        if (deliveryIds.isEmpty()) {
            return logs;
        }
        List<Object[]> rows = em.createNativeQuery("""
                        select delivery_id, number, started_at, duration_ms, outcome, status_code, error,
                               response_excerpt
                        from webhook_attempts where delivery_id in (?1) order by delivery_id, number""")
                .setParameter(1, deliveryIds).getResultList();
        for (Object[] r : rows) {
            logs.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(new AttemptView(
                    ((Number) r[1]).intValue(), SqlValues.instant(r[2]), ((Number) r[3]).intValue(), (String) r[4],
                    integer(r[5]), (String) r[6], (String) r[7]));
        }
        return logs;
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }
}
