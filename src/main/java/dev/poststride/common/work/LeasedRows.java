package dev.poststride.common.work;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Work kept as rows of one table and claimed under a lease, by any number of instances: a row is claimed with
 * {@code SKIP LOCKED} (never waiting for another instance, never taken twice), held by an owner until its lease ends,
 * renewed while the work runs, and every write after the claim is fenced by the owner <em>and</em> the attempt number,
 * so an instance that paused past its lease (or an older attempt of the same one) can no longer change the row.
 *
 * <p>The table has the columns {@code id uuid}, {@code status}, {@code lease_owner}, {@code lease_expires_at},
 * {@code attempts} and {@code updated_at}; a held row has status {@code held}. The owner of the table (the class that
 * builds this) writes its queries with these pieces and keeps what the work means: which rows are due, what a result
 * writes, what an expired lease turns into. Used by the publishing engine's targets and the webhook deliveries.
 */
public final class LeasedRows {

    private static final Pattern NAME = Pattern.compile("[a-z_]+");

    private final String table;
    private final String held;

    /** The rows of {@code table} (a constant of its owner), held while their status is {@code held}. */
    public LeasedRows(String table, String held) {
        if (!NAME.matcher(table).matches() || !NAME.matcher(held).matches()) {
            throw new IllegalArgumentException("Not a table or a status name: " + table + ", " + held);
        }
        this.table = table;
        this.held = held;
    }

    public String held() {
        return held;
    }

    /**
     * The claim: rows chosen by {@code due} (a select of their {@code id}s that ends in
     * {@code for update … skip locked}) become held by {@code ?1} until {@code ?2} at {@code ?3}, their attempt
     * counted;
     * the statement returns {@code t.id, t.attempts} and then {@code returning} (columns of {@code t}). The due select
     * may use parameters from {@code ?4} on.
     */
    public String claim(String due, String returning) {
        return "update " + table + " t set status = '" + held + "', lease_owner = ?1, lease_expires_at = ?2,"
               + " attempts = t.attempts + 1, updated_at = ?3"
               + " from (" + due + ") due where t.id = due.id"
               + " returning t.id, t.attempts" + (returning.isBlank() ? "" : ", " + returning);
    }

    /**
     * The same for rows whose lease ran out while held: a new attempt of the same work, taken over by {@code ?1} until
     * {@code ?2} at {@code ?3}; {@code expired} selects their ids (ending in {@code for update … skip locked}).
     */
    public String takeOver(String expired, String returning) {
        return "update " + table + " t set lease_owner = ?1, lease_expires_at = ?2, attempts = t.attempts + 1,"
               + " updated_at = ?3 from (" + expired + ") due where t.id = due.id"
               + " returning t.id, t.attempts" + (returning.isBlank() ? "" : ", " + returning);
    }

    /**
     * The fence of a write after the claim, for a {@code where} clause: the row is still held by the owner in
     * parameter {@code owner} under the attempt in parameter {@code attempt}.
     */
    public String fence(int owner, int attempt) {
        return "lease_owner = ?" + owner + " and attempts = ?" + attempt + " and status = '" + held + "'";
    }

    /**
     * Extends the leases {@code owner} holds on {@code ids} (those not expired at {@code now}) to {@code until}; the
     * attempt now stored for each row it still holds (a row missing, or with another attempt, was taken over).
     */
    public Map<UUID, Integer> renew(EntityManager em, String owner, Collection<UUID> ids, Instant until, Instant now) {
        Map<UUID, Integer> stillHeld = new HashMap<>();
        if (ids.isEmpty()) {
            return stillHeld;
        }
        for (Object[] row : rows(em.createNativeQuery(
                        "update " + table + " set lease_expires_at = ?3 where id in (?2) and lease_owner = ?1"
                        + " and status = '" + held + "' and lease_expires_at >= ?4 returning id, attempts")
                .setParameter(1, owner).setParameter(2, ids).setParameter(3, Timestamp.from(until))
                .setParameter(4, Timestamp.from(now)))) {
            stillHeld.put((UUID) row[0], ((Number) row[1]).intValue());
        }
        return stillHeld;
    }

    /** Lets the lease of one attempt end at {@code until} (for recovery then), if that attempt still holds it. */
    public boolean expireAt(EntityManager em, UUID id, String owner, int attempt, Instant until) {
        return em.createNativeQuery("update " + table + " set lease_expires_at = ?4 where id = ?1 and "
                                    + fence(2, 3))
                       .setParameter(1, id).setParameter(2, owner).setParameter(3, attempt)
                       .setParameter(4, Timestamp.from(until)).executeUpdate() > 0;
    }

    /** Ends {@code owner}'s leases now, except on {@code keep}, so other instances can take the rows at once. */
    public int release(EntityManager em, String owner, Collection<UUID> keep, Instant now) {
        Query release = em.createNativeQuery(
                        "update " + table + " set lease_expires_at = ?2 where lease_owner = ?1 and status = '" + held
                        + "' and lease_expires_at > ?2" + (keep.isEmpty() ? "" : " and id not in (?3)"))
                .setParameter(1, owner).setParameter(2, Timestamp.from(now));
        if (!keep.isEmpty()) {
            release.setParameter(3, keep);
        }
        return release.executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(Query query) {
        return query.getResultList();
    }
}
