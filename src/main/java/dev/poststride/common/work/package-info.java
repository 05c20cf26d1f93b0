/**
 * The work kit: how work that must run exactly once across any number of identical instances is kept, claimed and
 * woken, written once and used by every feature that has such work.
 *
 * <ul>
 *   <li>{@link dev.poststride.common.work.LeasedRows}: work as rows of a table, claimed with {@code SKIP LOCKED}
 *       under a lease, renewed while it runs, released at shutdown, and every later write fenced by owner and
 *       attempt. Used by the publishing engine's targets ({@code post/TargetClaims}) and the webhook deliveries
 *       ({@code webhook/Deliveries}).</li>
 *   <li>{@link dev.poststride.common.work.RowLease}: one piece of work per row at a time (a connection's token
 *       refresh, {@code platform/TokenRefresher}).</li>
 *   <li>{@link dev.poststride.common.work.ChannelListener}: wake-ups by PostgreSQL {@code LISTEN/NOTIFY} on a
 *       connection of its own, with a pass after every (re)connect; the callers' polls are the fallback (the engine's
 *       dispatchers, the webhook worker and the event stream).</li>
 *   <li>{@link dev.poststride.common.work.CoalescedRuns}: one pass at a time, and no wake-up lost while one runs.</li>
 *   <li>{@link dev.poststride.common.work.InternalJob}: a job a cloud cron runs through
 *       {@code POST /api/internal/jobs/{name}} where instances scale to zero.</li>
 * </ul>
 *
 * <p>New leased work (metrics snapshots, recurring posts) gets a table with the columns {@link
 * dev.poststride.common.work.LeasedRows} names, a due query, and a job: see {@code LeasedRowsTest} for the whole
 * shape on a table of its own.
 */
package dev.poststride.common.work;
