package dev.poststride.platforms;

import java.util.LinkedHashMap;
import java.util.Map;

/** A fake platform's answer: a status, a body serialized as JSON (none when null) and headers. */
public record FakeAnswer(int status, Object body, Map<String, String> headers) {

    public static FakeAnswer json(Object body) {
        return new FakeAnswer(200, body, Map.of());
    }

    public static FakeAnswer json(int status, Object body) {
        return new FakeAnswer(status, body, Map.of());
    }

    public static FakeAnswer empty(int status) {
        return new FakeAnswer(status, null, Map.of());
    }

    /** The same answer with one more header. */
    public FakeAnswer with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new FakeAnswer(status, body, more);
    }
}
