package dev.poststride.webhook;

import dev.poststride.common.Problem.FieldError;
import dev.poststride.common.Problems;
import dev.poststride.common.access.Access;
import dev.poststride.common.crypto.TokenVault;
import dev.poststride.event.EventType;
import dev.poststride.event.Outbox;
import dev.poststride.webhook.WebhookViews.TestSent;
import dev.poststride.webhook.WebhookViews.WebhookRequest;
import dev.poststride.webhook.WebhookViews.WebhookView;
import dev.poststride.webhook.WebhookViews.WebhookWithSecret;
import dev.poststride.workspace.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
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

/** A workspace's webhook endpoints: registering, changing, rotating secrets, test events ({@link WebhookDeliveryLog}: the log). */
@ApplicationScoped
public class WebhookService {

    static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    static final Duration MAX_OVERLAP = Duration.ofDays(7);

    private final TokenVault vault;
    private final WebhookConfig config;
    private final AddressPolicy addresses;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Clock clock;
    private final Deliveries deliveries;

    WebhookService(TokenVault vault, WebhookConfig config, AddressPolicy addresses, AuditLog audit, Outbox outbox,
                   Clock clock, Deliveries deliveries) {
        this.deliveries = deliveries;
        this.vault = vault;
        this.config = config;
        this.addresses = addresses;
        this.audit = audit;
        this.outbox = outbox;
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
        return new TestSent(eventId, deliveries.queue(endpoint.id, eventId, now));
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

    private static String blankToNull(String text) {
        return Optional.ofNullable(text).map(String::strip).filter(t -> !t.isEmpty()).orElse(null);
    }
}
