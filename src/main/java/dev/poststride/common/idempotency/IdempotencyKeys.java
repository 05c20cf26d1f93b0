package dev.poststride.common.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poststride.common.Problems;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code Idempotency-Key} header: the same key in the same workspace on the same call within 24 hours answers
 * the first answer again and creates nothing new; the same key with a different request is 422; a retry while the
 * first request is still running is 409. Keys live in PostgreSQL, so this holds across instances. A key whose request
 * never finished (its instance crashed mid-request) is taken over by the next request with it once it is older than
 * {@code poststride.idempotency.abandon-after}, instead of blocking the key for a day.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final Duration KEEP = Duration.ofHours(24);
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    /** An answer to give: its HTTP status and body. */
    public record Answer<T>(int status, T body) {
    }

    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration abandonAfter;

    IdempotencyKeys(EntityManager em, ObjectMapper json, Clock clock,
                    @ConfigProperty(name = "poststride.idempotency.abandon-after", defaultValue = "2m")
                    Duration abandonAfter) {
        this.em = em;
        this.json = json;
        this.clock = clock;
        this.abandonAfter = abandonAfter;
    }

    /**
     * Runs {@code call} once per key: a first request runs it and stores its answer, a repeat gets the stored one.
     * Without a key it just runs. A failure forgets the key, so the client's retry runs again. Stored answers are
     * JSON, read back as {@code type}.
     */
    public <T> Answer<T> once(UUID workspaceId, String scope, String key, String requestHash, Class<T> type,
                              Supplier<Answer<T>> call) {
        if (key == null) {
            return call.get();
        }
        checkKey(key);
        Stored earlier = QuarkusTransaction.requiringNew().call(() -> claim(workspaceId, scope, key, requestHash));
        if (earlier != null) {
            return new Answer<>(earlier.status(), fromJson(earlier.json(), type));
        }
        Answer<T> answer;
        try {
            answer = call.get();
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                            "delete from idempotency_keys where workspace_id = ?1 and scope = ?2"
                            + " and idempotency_key = ?3")
                    .setParameter(1, workspaceId).setParameter(2, scope).setParameter(3, key).executeUpdate());
            throw e;
        }
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update idempotency_keys set status = 'completed', response_status = ?4, response_body = ?5"
                        + " where workspace_id = ?1 and scope = ?2 and idempotency_key = ?3")
                .setParameter(1, workspaceId).setParameter(2, scope).setParameter(3, key)
                .setParameter(4, answer.status()).setParameter(5, toJson(answer.body())).executeUpdate());
        return answer;
    }

    /** 422 for a key that cannot be one; a call whose body is costly to read checks it before reading. */
    public static void checkKey(String key) {
        if (key != null && !VALID_KEY.matcher(key).matches()) {
            throw new Problems.Invalid(HEADER, "must be 1 to 200 visible ASCII characters");
        }
    }

    private record Stored(int status, String json) {
    }

    private String toJson(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize an answer", e);
        }
    }

    private <T> T fromJson(String stored, Class<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a stored answer", e);
        }
    }

    /** Null when this request may go ahead; the earlier answer when it is a repeat. */
    private Stored claim(UUID workspaceId, String scope, String key, String requestHash) {
        Instant now = clock.instant();
        em.createNativeQuery("delete from idempotency_keys where workspace_id = ?1 and scope = ?2"
                             + " and idempotency_key = ?3"
                             + " and (expires_at <= ?4 or status = 'in_progress' and created_at <= ?5)")
                .setParameter(1, workspaceId).setParameter(2, scope).setParameter(3, key)
                .setParameter(4, Timestamp.from(now)).setParameter(5, Timestamp.from(now.minus(abandonAfter)))
                .executeUpdate();
        int inserted = em.createNativeQuery(
                        "insert into idempotency_keys (workspace_id, scope, idempotency_key, request_hash, status,"
                        + " created_at, expires_at) values (?1, ?2, ?3, ?4, 'in_progress', ?5, ?6)"
                        + " on conflict do nothing")
                .setParameter(1, workspaceId).setParameter(2, scope).setParameter(3, key).setParameter(4, requestHash)
                .setParameter(5, Timestamp.from(now)).setParameter(6, Timestamp.from(now.plus(KEEP)))
                .executeUpdate();
        if (inserted == 1) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select request_hash, status, response_status, response_body from idempotency_keys"
                        + " where workspace_id = ?1 and scope = ?2 and idempotency_key = ?3")
                .setParameter(1, workspaceId).setParameter(2, scope).setParameter(3, key).getResultList();
        if (rows.isEmpty()) {
            throw new Problems.Conflict("A request with this Idempotency-Key was just abandoned; send it again.");
        }
        Object[] row = rows.getFirst();
        if (!requestHash.equals(row[0])) {
            throw new Problems.Invalid(HEADER, "was already used for a different request; use a new key");
        }
        if (!"completed".equals(row[1])) {
            throw new Problems.Conflict("A request with this Idempotency-Key is still being processed.");
        }
        return new Stored(((Number) row[2]).intValue(), (String) row[3]);
    }

    @Scheduled(identity = "idempotency-key-cleanup", every = "1h", delayed = "1m")
    void forgetExpired() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from idempotency_keys where expires_at <= ?1")
                .setParameter(1, Timestamp.from(clock.instant())).executeUpdate());
    }
}
