package dev.poststride.platforms;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the fake platforms hold between requests: the posts that went live per account, the containers and publish
 * jobs waiting (asynchronous publishing), and the tokens they handed out. Thread-safe; one per sandbox or fake
 * server.
 */
public final class FakeWorld {

    /** Posts kept per account; the oldest go first, so a long dev session stays small. */
    private static final int POSTS_KEPT = 10_000;

    /** Told what the fakes were sent (the benchmark counts live posts per target with it). */
    public interface Listener {
        /** A request carried {@code text} (also when it went live). */
        default void sent(String platform, String text) {
        }

        /** {@code text} went live on {@code platform}. */
        default void live(String platform, String text) {
        }
    }

    public record LivePost(String id, String account, String text, Instant created) {
    }

    /** A container or publish job of an asynchronous publishing flow: made, then published (or not). */
    public static final class Pending {
        public final String account;
        public final String text;
        private String status;
        private String mediaId;

        Pending(String account, String text, String status) {
            this.account = account;
            this.text = text;
            this.status = status;
        }

        public synchronized String status() {
            return status;
        }

        public synchronized String mediaId() {
            return mediaId;
        }

        /** Publishes once: the first call makes the live post, later ones answer the same id. */
        public synchronized String publish(FakeWorld world, String platform, String doneStatus) {
            if (mediaId == null) {
                mediaId = world.goLive(platform, account, text).id();
                status = doneStatus;
            }
            return mediaId;
        }
    }

    private final String baseUrl;
    private final Listener listener;
    private final AtomicLong ids = new AtomicLong(1_000_000_000L);
    private final Map<String, Deque<LivePost>> posts = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, String> accountsByToken = new ConcurrentHashMap<>();

    /** {@code baseUrl}: where the fakes are reached, without a trailing slash ({@code http://host/sandbox}). */
    public FakeWorld(String baseUrl, Listener listener) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.listener = listener;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** A new numeric id (some platforms' ids must be numbers), with {@code prefix} before it. */
    public String newId(String prefix) {
        return prefix + ids.incrementAndGet();
    }

    public void sent(String platform, String text) {
        listener.sent(platform, text);
    }

    /** {@code text} goes live on {@code account}. */
    public LivePost goLive(String platform, String account, String text) {
        listener.sent(platform, text);
        listener.live(platform, text);
        LivePost post = new LivePost(newId(""), account, text, Instant.now());
        Deque<LivePost> list = posts.computeIfAbsent(platform + "/" + account, k -> new ArrayDeque<>());
        synchronized (list) {
            list.addFirst(post);
            if (list.size() > POSTS_KEPT) {
                list.removeLast();
            }
        }
        return post;
    }

    /** The live posts of {@code account}, newest first. */
    public List<LivePost> posts(String platform, String account) {
        Deque<LivePost> list = posts.getOrDefault(platform + "/" + account, new ArrayDeque<>());
        synchronized (list) {
            return new ArrayList<>(list);
        }
    }

    /** A new container or publish job; returns its id. */
    public String hold(String platform, String idPrefix, String account, String text, String status) {
        String id = newId(idPrefix);
        pending.put(platform + "/" + id, new Pending(account, text, status));
        return id;
    }

    public Pending pending(String platform, String id) {
        return pending.get(platform + "/" + id);
    }

    /** A new token for {@code account}, remembered so {@link #accountOf} finds the account again. */
    public String token(String platform, String kind, String account) {
        String token = "sandbox-" + platform + "-" + kind + "-" + java.util.UUID.randomUUID();
        accountsByToken.put(token, account);
        return token;
    }

    /** The account a token was handed out for; a token from elsewhere (the benchmark's) is an account of its own. */
    public String accountOf(String token) {
        return accountsByToken.getOrDefault(token, token);
    }

    /** Forgets everything. */
    public void reset() {
        posts.clear();
        pending.clear();
        accountsByToken.clear();
    }
}
