package dev.poststride.event;

import dev.poststride.common.work.CoalescedRuns;
import dev.poststride.common.access.Access;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The open event streams of this instance. Each stream reads its workspace's events from the outbox in position
 * order, from where its client left off ({@code Last-Event-ID}), whenever a relay positioned new ones (on any
 * instance: {@link #poke()} comes from the relay here and from the {@code poststride_events_ready} notification). A
 * stream's reads and sends are serialised, so a client sees every event once and in order; a comment every 15
 * seconds keeps proxies from closing an idle stream and finds streams whose client left. Every 15 seconds each
 * stream's caller is checked again: a stream whose user left the workspace, or whose API key was revoked or expired,
 * is closed (the client's reconnect then gets 401 or 404).
 */
@ApplicationScoped
public class EventStreams {

    private static final Logger LOG = Logger.getLogger(EventStreams.class);
    private static final int PAGE = 500;
    private static final long SEND_TIMEOUT_SECONDS = 10;

    private final DataSource db;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

    EventStreams(DataSource db) {
        this.db = db;
    }

    @PreDestroy
    void stop() {
        streams.forEach(Stream::close);
        readers.shutdownNow();
    }

    /**
     * Starts streaming the workspace's events after position {@code after} (or, when null, from now on) to
     * {@code sink}: what the outbox holds after it first, then each new event as it is positioned.
     *
     * <p>The stream opens with a comment carrying {@code id: from}, sent on the caller's (request) thread: it puts
     * the response head on the wire before a reader thread writes (two threads writing a response whose head is not
     * yet out can break it), and it sets an {@code EventSource}'s last event id, so a client that reconnects before
     * any event came resumes where it opened and misses nothing in between.
     */
    public void open(Access access, Long after, SseEventSink sink, Sse sse) {
        long from = after != null ? after : newestPosition();
        Stream stream = new Stream(access.workspace(), access.userId(), access.keyId().orElse(null), from, sink, sse);
        try {
            stream.send(sse.newEventBuilder().id(Long.toString(from)).comment("stream open").build());
        } catch (RuntimeException e) {
            stream.close();
            return;
        }
        streams.add(stream);
        readers.submit(stream::pull);
    }

    /** New events were positioned: every stream reads what is new for it. */
    public void poke() {
        for (Stream stream : streams) {
            readers.submit(stream::pull);
        }
    }

    /** How many streams are open here (for metrics and tests). */
    public int openStreams() {
        return streams.size();
    }

    @Scheduled(identity = "event-stream-keepalive", every = "15s", delayed = "15s")
    void keepAlive() {
        for (Stream stream : streams) {
            readers.submit(stream::keepAlive);
        }
    }

    /** Whether the stream's caller is still a member, and its key (if one opened it) still valid. */
    private boolean stillAllowed(UUID workspaceId, UUID userId, UUID keyId) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select exists (select 1 from workspace_members m where m.workspace_id = ? and m.user_id = ?)"
                     + " and (cast(? as uuid) is null or exists (select 1 from api_keys k where k.id = ?"
                     + " and k.revoked_at is null and (k.expires_at is null or k.expires_at > now())))")) {
            s.setObject(1, workspaceId);
            s.setObject(2, userId);
            s.setObject(3, keyId);
            s.setObject(4, keyId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            return true; // the database is away: keep the stream; the next check decides
        }
    }

    private long newestPosition() {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select coalesce(max(seq), 0) from events");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the newest event position failed", e);
        }
    }

    /** One client's stream. */
    private final class Stream {

        private final UUID workspaceId;
        private final UUID userId;
        private final UUID keyId;
        private final SseEventSink sink;
        private final Sse sse;
        private final CoalescedRuns pulls = new CoalescedRuns();
        private volatile long sent;

        Stream(UUID workspaceId, UUID userId, UUID keyId, long after, SseEventSink sink, Sse sse) {
            this.workspaceId = workspaceId;
            this.userId = userId;
            this.keyId = keyId;
            this.sent = after;
            this.sink = sink;
            this.sse = sse;
        }

        /**
         * Sends what is new since the last event sent; one pull at a time, and a pull asked for while another runs is
         * never lost ({@link CoalescedRuns}).
         */
        void pull() {
            try {
                pulls.request(() -> {
                    while (!sink.isClosed() && page() == PAGE) {
                        // a long backlog: keep reading
                    }
                }, () -> !sink.isClosed());
            } catch (RuntimeException e) {
                LOG.debugf("Event stream of workspace %s ended: %s", workspaceId, e.getMessage());
                close();
            }
            if (sink.isClosed()) {
                streams.remove(this);
            }
        }

        private int page() {
            int count = 0;
            try (Connection c = db.getConnection();
                 PreparedStatement s = c.prepareStatement(
                         "select seq, type, payload from events where workspace_id = ? and seq > ?"
                         + " and endpoint_id is null order by seq limit " + PAGE)) {
                s.setObject(1, workspaceId);
                s.setLong(2, sent);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long position = rs.getLong(1);
                        send(sse.newEventBuilder().id(Long.toString(position)).name(rs.getString(2))
                                     .data(rs.getString(3)).build());
                        sent = position;
                        count++;
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Reading events failed", e);
            }
            return count;
        }

        void keepAlive() {
            if (sink.isClosed() || !stillAllowed(workspaceId, userId, keyId)) {
                close();
                streams.remove(this);
                return;
            }
            try {
                send(sse.newEventBuilder().comment("keep-alive").build());
            } catch (RuntimeException e) {
                close();
                streams.remove(this);
            }
        }

        private synchronized void send(OutboundSseEvent event) {
            try {
                sink.send(event).toCompletableFuture().get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the client is gone", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        void close() {
            try {
                sink.close();
            } catch (RuntimeException ignored) {
                // already closed by the client
            }
        }
    }
}
