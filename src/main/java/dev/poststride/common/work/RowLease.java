package dev.poststride.common.work;

import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A lease on one row for one piece of work at a time across instances (e.g. refreshing a connection's tokens, whose
 * refresh token a platform may accept only once): whoever takes it at {@code now} holds it until it is ended or runs
 * out; the others see it held and wait or leave. The row keeps the holder and the end in two columns of its own.
 */
public final class RowLease {

    private static final Pattern NAME = Pattern.compile("[a-z_]+");

    private final String table;
    private final String owner;
    private final String until;

    /** The lease kept in {@code ownerColumn} and {@code untilColumn} of {@code table} (constants of its owner). */
    public RowLease(String table, String ownerColumn, String untilColumn) {
        for (String name : new String[] {table, ownerColumn, untilColumn}) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Not a table or a column name: " + name);
            }
        }
        this.table = table;
        this.owner = ownerColumn;
        this.until = untilColumn;
    }

    /**
     * Takes the lease of row {@code id} for {@code holder} until {@code end}, unless another holds it at {@code now} or
     * the row fails {@code condition} (a {@code where} fragment; its parameters are {@code ?5} on, from
     * {@code parameters}). True when taken.
     */
    public boolean take(EntityManager em, UUID id, String holder, Instant end, Instant now, String condition,
                        Object... parameters) {
        var take = em.createNativeQuery("update " + table + " set " + owner + " = ?2, " + until + " = ?3 where id = ?1"
                                        + " and (" + until + " is null or " + until + " < ?4)"
                                        + (condition.isBlank() ? "" : " and (" + condition + ")"))
                .setParameter(1, id).setParameter(2, holder).setParameter(3, Timestamp.from(end))
                .setParameter(4, Timestamp.from(now));
        for (int i = 0; i < parameters.length; i++) {
            take.setParameter(5 + i, parameters[i]);
        }
        return take.executeUpdate() > 0;
    }
}
