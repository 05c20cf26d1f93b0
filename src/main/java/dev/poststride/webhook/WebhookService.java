package dev.poststride.webhook;

import dev.poststride.common.Page;
import dev.poststride.common.Problem.FieldError;
import dev.poststride.common.Problems;
import dev.poststride.common.SqlValues;
import dev.poststride.common.access.Access;
import dev.poststride.common.crypto.TokenVault;
import dev.poststride.event.EventRelay;
import dev.poststride.event.EventType;
import dev.poststride.event.Outbox;
import dev.poststride.webhook.WebhookViews.AttemptView;
import dev.poststride.webhook.WebhookViews.DeliveryView;
import dev.poststride.webhook.WebhookViews.TestSent;
import dev.poststride.webhook.WebhookViews.WebhookRequest;
import dev.poststride.webhook.WebhookViews.WebhookView;
import dev.poststride.webhook.WebhookViews.WebhookWithSecret;
import dev.poststride.workspace.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A workspace's webhook endpoints: registering, changing, rotating secrets, test events, the delivery log. */
@ApplicationScoped
public class WebhookService {

    static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    static final Duration MAX_OVERLAP = Duration.ofDays(7);

    private final TokenVault vault;
    private final WebhookConfig config;
    private final AddressPolicy addresses;
    private final AuditLog audit;
    private final Outbox outbox;
    private final EntityManager em;
    private final Clock clock;

    WebhookService(TokenVault vault, WebhookConfig config, AddressPolicy addresses, AuditLog audit, Outbox outbox,
                   EntityManager em, Clock clock) {
        this.vault = vault;
        this.config = config;
        this.addresses = addresses;
        this.audit = audit;
        this.outbox = outbox;
        this.em = em;
        this.clock = clock;
    }

    @Transactional
    public WebhookWithSecret create(Access access, WebhookRequest request) {
        UUID workspaceId = access.workspace();
        String url = checkedUrl(request.url());
        String types = checkedTypes(request.eventTypes());
        if (WebhookEndpoint.count("workspaceId", workspaceId) >= config.maxEndpoints()) {
            throw new Problems.Conflict("This workspace has " + config.maxEndpoints()
                                        + " webhook endpoints, the most it may have; delete one first.");
        }
        Instant now = clock.instant();
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = UUID.randomUUID();
        endpoint.workspaceId = workspaceId;
        endpoint.url = url;
        endpoint.description = blankToNull(request.description());
        endpoint.eventTypes = types;
        endpoint.status = WebhookEndpoint.ACTIVE;
        endpoint.createdBy = access.userId();
        endpoint.createdAt = now;
        endpoint.updatedAt = now;
        String secret = WebhookSignature.newSecret();
        endpoint.secretSealed = vault.seal(secret, endpoint.sealContext());
        endpoint.persist();
        audit.record(access, "webhook.created", "webhook", endpoint.id, Map.of("url", url));
        return new WebhookWithSecret(WebhookView.of(endpoint), secret);
    }

    @Transactional
    public List<WebhookView> list(UUID workspaceId) {
        return WebhookEndpoint.<WebhookEndpoint>list("workspaceId = ?1 order by createdAt, id", workspaceId).stream()
                .map(WebhookView::of).toList();
    }

    @Transactional
    public WebhookView get(UUID workspaceId, UUID id) {
        return WebhookView.of(owned(workspaceId, id));
    }

    /** Changes the URL, description or event types; {@code enabled: true} enables a disabled endpoint again. */
    @Transactional
    public WebhookView update(Access access, UUID id, WebhookRequest request) {
        WebhookEndpoint endpoint = WebhookEndpoint.findOwnedForUpdate(id, access.workspace())
                .orElseThrow(() -> new Problems.NotFound("The webhook"));
        Map<String, Object> changes = new LinkedHashMap<>();
        if (request.url() != null) {
            endpoint.url = checkedUrl(request.url());
            changes.put("url", endpoint.url);
        }
        if (request.description() != null) {
            endpoint.description = blankToNull(request.description());
        }
        if (request.eventTypes() != null) {
            endpoint.eventTypes = checkedTypes(request.eventTypes());
            changes.put("event_types", endpoint.eventTypes == null ? "all" : endpoint.eventTypes);
        }
        if (request.enabled() != null) {
            boolean enable = request.enabled();
            endpoint.status = enable ? WebhookEndpoint.ACTIVE : WebhookEndpoint.DISABLED;
            endpoint.disabledReason = enable ? null : "Disabled by a member.";
            endpoint.failingSince = null;
            changes.put("status", endpoint.status);
        }
        endpoint.updatedAt = clock.instant();
        audit.record(access, "webhook.changed", "webhook", endpoint.id, changes);
        return WebhookView.of(endpoint);
    }

    @Transactional
    public void delete(Access access, UUID id) {
        WebhookEndpoint endpoint = WebhookEndpoint.findOwnedForUpdate(id, access.workspace())
                .orElseThrow(() -> new Problems.NotFound("The webhook"));
        endpoint.delete();
        audit.record(access, "webhook.deleted", "webhook", id, Map.of("url", endpoint.url));
    }

    /**
     * A new signing secret, answered once; the old one keeps signing too (a second signature) for the overlap, so
     * receivers can switch without losing a delivery.
     */
    @Transactional
    public WebhookWithSecret rotate(Access access, UUID id, Long overlapSeconds) {
        Duration overlap = overlapSeconds == null ? DEFAULT_OVERLAP : Duration.ofSeconds(overlapSeconds);
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw new Problems.Invalid("overlap_seconds", "must be between 0 and " + MAX_OVERLAP.toSeconds());
        }
        WebhookEndpoint endpoint = WebhookEndpoint.findOwnedForUpdate(id, access.workspace())
                .orElseThrow(() -> new Problems.NotFound("The webhook"));
        Instant now = clock.instant();
        String secret = WebhookSignature.newSecret();
        endpoint.previousSecretSealed = overlap.isZero() ? null : endpoint.secretSealed;
        endpoint.previousSecretExpiresAt = overlap.isZero() ? null : now.plus(overlap);
        endpoint.secretSealed = vault.seal(secret, endpoint.sealContext());
        endpoint.updatedAt = now;
        audit.record(access, "webhook.secret_rotated", "webhook", id, Map.of("overlap_seconds", overlap.toSeconds()));
        return new WebhookWithSecret(WebhookView.of(endpoint), secret);
    }

    /** Queues a {@code webhook.test} event for this endpoint alone (delivered like any other, even if filtered). */
    @Transactional
    public TestSent sendTest(Access access, UUID id) {
        WebhookEndpoint endpoint = owned(access.workspace(), id);
        if (!WebhookEndpoint.ACTIVE.equals(endpoint.status)) {
            throw new Problems.Conflict("This webhook is disabled; enable it first.");
        }
        Instant now = clock.instant();
        UUID eventId = outbox.recordTest(endpoint.workspaceId, endpoint.id,
                                         Map.of("message", "A test event from Post Stride.", "webhook_id",
                                                endpoint.id));
        UUID deliveryId = UUID.randomUUID();
        em.createNativeQuery("insert into webhook_deliveries (id, endpoint_id, event_id, status, next_attempt_at,"
                             + " created_at, updated_at) values (?1, ?2, ?3, 'pending', ?4, ?4, ?4)")
                .setParameter(1, deliveryId).setParameter(2, endpoint.id).setParameter(3, eventId)
                .setParameter(4, Timestamp.from(now)).executeUpdate();
        wakeWorkers();
        return new TestSent(eventId, deliveryId);
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
        Object status = found.get(0);
        if ("sending".equals(status)) {
            throw new Problems.Conflict("This delivery is being sent right now.");
        }
        Instant now = clock.instant();
        em.createNativeQuery("update webhook_deliveries set status = 'pending', attempts = 0, next_attempt_at = ?2,"
                             + " updated_at = ?2 where id = ?1")
                .setParameter(1, deliveryId).setParameter(2, Timestamp.from(now)).executeUpdate();
        wakeWorkers();
        audit.record(access, "webhook.redelivered", "webhook", endpoint.id, Map.of("delivery_id", deliveryId));
        return deliveries(access.workspace(), id, new Page.PageRequest(0, 100)).items().stream()
                .filter(d -> d.id().equals(deliveryId)).findFirst().orElseThrow();
    }

    /** Wakes the webhook workers of every instance when this transaction commits (as a new event does). */
    private void wakeWorkers() {
        em.createNativeQuery("select count(*) from (select pg_notify(?1, '')) notified")
                .setParameter(1, EventRelay.WRITTEN_CHANNEL).getSingleResult();
    }

    // ---- checks -----------------------------------------------------------------------------------------------------

    private WebhookEndpoint owned(UUID workspaceId, UUID id) {
        return WebhookEndpoint.findOwned(id, workspaceId).orElseThrow(() -> new Problems.NotFound("The webhook"));
    }

    private String checkedUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new Problems.Invalid("url", "is required");
        }
        if (url.length() > 2000) {
            throw new Problems.Invalid("url", "must be at most 2000 characters");
        }
        try {
            addresses.resolve(url);
        } catch (AddressPolicy.Refused refused) {
            throw new Problems.Invalid("url", refused.getMessage());
        }
        return url.strip();
    }

    private static String checkedTypes(List<String> types) {
        if (types == null) {
            return null;
        }
        List<FieldError> errors = new ArrayList<>();
        Set<String> kept = new LinkedHashSet<>();
        for (String type : types) {
            if (type == null || EventType.fromKey(type).isEmpty()) {
                errors.add(new FieldError("event_types", "'" + type + "' is not an event type"));
            } else {
                kept.add(type);
            }
        }
        if (kept.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError("event_types", "must name at least one event type, or be null for all"));
        }
        if (!errors.isEmpty()) {
            throw new Problems.Invalid(errors);
        }
        return String.join(",", kept);
    }

    @SuppressWarnings("unchecked")
    private Map<UUID, List<AttemptView>> attempts(List<UUID> deliveries) {
        Map<UUID, List<AttemptView>> logs = new LinkedHashMap<>();
        if (deliveries.isEmpty()) {
            return logs;
        }
        List<Object[]> rows = em.createNativeQuery("""
                        select delivery_id, number, started_at, duration_ms, outcome, status_code, error,
                               response_excerpt
                        from webhook_attempts where delivery_id in (?1) order by delivery_id, number""")
                .setParameter(1, deliveries).getResultList();
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

    private static String blankToNull(String text) {
        return Optional.ofNullable(text).map(String::strip).filter(t -> !t.isEmpty()).orElse(null);
    }
}
