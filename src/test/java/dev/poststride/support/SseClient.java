package dev.poststride.support;

import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A Server-Sent Events client of the service under test: reads the stream on a thread of its own. */
public final class SseClient implements AutoCloseable {

    /** One event as the stream framed it. */
    public record Event(String id, String name, String data) {
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean ended;
    private volatile String lastEventId;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    /** Opens {@code path} with these headers; answers the client, or the status when the stream was refused. */
    public static SseClient open(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Accept", "text/event-stream").GET();
        headers.forEach(request::header);
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request.build(),
                                                                                HttpResponse.BodyHandlers.ofLines());
        return new SseClient(response);
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("content-type").orElse("");
    }

    /** The next {@code count} events, failing when they do not all come within {@code wait}. */
    public List<Event> take(int count, Duration wait) throws InterruptedException {
        List<Event> taken = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (taken.size() < count) {
            Event next = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("expected " + count + " events, got " + taken);
            }
            taken.add(next);
        }
        return taken;
    }

    /** Events that arrive within {@code wait} (to show that none does). */
    public List<Event> drain(Duration wait) throws InterruptedException {
        Thread.sleep(wait.toMillis());
        List<Event> drained = new ArrayList<>();
        events.drainTo(drained);
        return drained;
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.isEmpty()) {
                    if (id != null) {
                        lastEventId = id; // as an EventSource does, also for a message without data
                    }
                    if (!data.isEmpty()) {
                        events.add(new Event(id, name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
                }
            }
        } catch (RuntimeException closed) {
            // the test closed the stream
        }
        ended = true;
    }

    /** The last event id the stream set (an {@code EventSource} sends it back when it reconnects), once one came. */
    public String lastEventId(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (lastEventId == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (lastEventId == null) {
            throw new AssertionError("the stream set no event id within " + wait);
        }
        return lastEventId;
    }

    /** Whether the server ended the stream within {@code wait}. */
    public boolean endsWithin(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!ended && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return ended;
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
