package dev.poststride.event;

import dev.poststride.common.Problems;
import dev.poststride.common.Sha256;
import dev.poststride.common.access.Access;
import dev.poststride.common.access.Role;
import dev.poststride.common.access.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Tickets for opening the event stream where {@code Authorization} cannot be sent (a browser's EventSource): made
 * by a signed-in call, single use, valid for {@value #TTL_SECONDS} seconds, only their SHA-256 stored. Redeeming one
 * reads the caller's role again (and the key's, if a key made it), so a ticket carries no more than its maker has
 * at that moment.
 */
@ApplicationScoped
public class EventTickets {

    static final long TTL_SECONDS = 60;
    static final String PREFIX = "pst_";

    @RegisterForReflection
    public record Ticket(String ticket, Instant expiresAt) {
    }

    private final EntityManager em;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    EventTickets(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    public Ticket issue(Access access) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String ticket = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expires = now.plus(Duration.ofSeconds(TTL_SECONDS));
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from event_tickets where expires_at < ?1")
                    .setParameter(1, Timestamp.from(now)).executeUpdate();
            em.createNativeQuery("insert into event_tickets (ticket_hash, user_id, workspace_id, key_id, expires_at)"
                                 + " values (?1, ?2, ?3, ?4, ?5)")
                    .setParameter(1, Sha256.hex(ticket)).setParameter(2, access.userId())
                    .setParameter(3, access.workspace()).setParameter(4, access.keyId().orElse(null))
                    .setParameter(5, Timestamp.from(expires)).executeUpdate();
        });
        return new Ticket(ticket, expires);
    }

    /** The access a ticket stands for, once; 401 for an unknown, used or expired ticket. */
    @SuppressWarnings("unchecked")
    public Access redeem(String ticket) {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> rows = em.createNativeQuery("""
                            with used as (
                                delete from event_tickets where ticket_hash = ?1
                                returning user_id, workspace_id, key_id, expires_at)
                            select u.user_id, u.workspace_id, u.key_id, m.role, k.scopes
                            from used u
                            left join workspace_members m on m.workspace_id = u.workspace_id and m.user_id = u.user_id
                            left join api_keys k on k.id = u.key_id and k.revoked_at is null
                                                and (k.expires_at is null or k.expires_at > ?2)
                            where u.expires_at > ?2""")
                    .setParameter(1, Sha256.hex(ticket)).setParameter(2, Timestamp.from(now)).getResultList();
            if (rows.isEmpty()) {
                throw new Problems.Unauthorized("The ticket is unknown, used or expired; ask for a new one.");
            }
            Object[] row = rows.get(0);
            UUID user = (UUID) row[0];
            UUID workspace = (UUID) row[1];
            Role role = Optional.ofNullable((String) row[3]).flatMap(Role::fromKey).orElse(null);
            if (row[2] == null) {
                return Access.ofSession(user, workspace, role);
            }
            if (row[4] == null) {
                throw new Problems.Unauthorized("The API key that asked for this ticket is revoked or expired.");
            }
            Set<Scope> scopes = Arrays.stream(((String) row[4]).split(" ")).map(Scope::fromKey)
                    .flatMap(Optional::stream).collect(Collectors.toSet());
            return Access.ofKey(user, (UUID) row[2], workspace, role, scopes);
        });
    }
}
