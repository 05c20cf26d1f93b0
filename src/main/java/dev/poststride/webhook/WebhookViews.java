package dev.poststride.webhook;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the webhook calls take and answer. */
final class WebhookViews {

    private WebhookViews() {
    }

    @Schema(name = "WebhookRequest", examples = """
            {"url": "https://hooks.example.com/poststride", "description": "Dashboard updates",
             "event_types": ["target.published", "target.failed", "connection.needs_reauth"]}""")
    record WebhookRequest(
            @Schema(description = "Where to POST events: https only (http in development), never a private,"
                                  + " loopback or link-local address") String url,
            @Size(max = 200) String description,
            @Schema(description = "Event types to send; omitted or null for every type") List<String> eventTypes,
            @Schema(description = "On update only: true enables a disabled endpoint again") Boolean enabled) {
    }

    @RegisterForReflection
    @Schema(name = "Webhook", examples = """
            {"id": "5b7e0c1e-8a57-4a8e-9d7c-2b8c1f0d9e11", "url": "https://hooks.example.com/poststride",
             "description": "Dashboard updates", "event_types": ["target.published"], "status": "active",
             "disabled_reason": null, "failing_since": null, "previous_secret_expires_at": null,
             "created_at": "2026-12-01T09:00:00Z", "updated_at": "2026-12-01T09:00:00Z"}""")
    record WebhookView(UUID id, String url, String description, List<String> eventTypes, String status,
                       String disabledReason, Instant failingSince, Instant previousSecretExpiresAt,
                       Instant createdAt, Instant updatedAt) {

        static WebhookView of(WebhookEndpoint endpoint) {
            return new WebhookView(endpoint.id, endpoint.url, endpoint.description, endpoint.types().orElse(null),
                                   endpoint.status, endpoint.disabledReason, endpoint.failingSince,
                                   endpoint.previousSecretExpiresAt, endpoint.createdAt, endpoint.updatedAt);
        }
    }

    /** An endpoint with its signing secret: answered once, on creation and on rotation. */
    @RegisterForReflection
    @Schema(name = "WebhookWithSecret", examples = """
            {"webhook": {"id": "5b7e0c1e-8a57-4a8e-9d7c-2b8c1f0d9e11",
             "url": "https://hooks.example.com/poststride", "description": null, "event_types": null,
             "status": "active", "disabled_reason": null, "failing_since": null, "previous_secret_expires_at": null,
             "created_at": "2026-12-01T09:00:00Z", "updated_at": "2026-12-01T09:00:00Z"},
             "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3V1wlyw4lkc="}""")
    record WebhookWithSecret(WebhookView webhook,
                             @Schema(description = "Shown only now: keep it to verify signatures") String secret) {
    }

    @Schema(name = "WebhookRotation", examples = """
            {"overlap_seconds": 86400}""")
    record RotationRequest(
            @Schema(description = "How long the old secret still signs too (0 to 604800 seconds, default 86400)")
            Long overlapSeconds) {
    }

    @RegisterForReflection
    @Schema(name = "WebhookAttempt")
    record AttemptView(int number, Instant startedAt, int durationMs, String outcome, Integer statusCode,
                       String error, String responseExcerpt) {
    }

    @RegisterForReflection
    @Schema(name = "WebhookDelivery", examples = """
            {"id": "0d3f0a52-3f57-4c1c-8f4b-6f5f1c2d7a10", "event_id": "9a1c3e55-1f0e-4a7b-8d52-0c1e2f3a4b5c",
             "event_type": "target.published", "status": "pending", "attempts": 1,
             "next_attempt_at": "2026-12-01T09:00:06Z", "last_status_code": 503, "last_error": "HTTP 503",
             "created_at": "2026-12-01T09:00:00Z", "updated_at": "2026-12-01T09:00:01Z",
             "log": [{"number": 1, "started_at": "2026-12-01T09:00:00Z", "duration_ms": 84, "outcome": "http_error",
                      "status_code": 503, "error": "HTTP 503", "response_excerpt": "upstream busy"}]}""")
    record DeliveryView(UUID id, UUID eventId, String eventType, String status, int attempts, Instant nextAttemptAt,
                        Integer lastStatusCode, String lastError, Instant createdAt, Instant updatedAt,
                        List<AttemptView> log) {
    }

    @RegisterForReflection
    @Schema(name = "WebhookTestEvent")
    record TestSent(UUID eventId, UUID deliveryId) {
    }
}
