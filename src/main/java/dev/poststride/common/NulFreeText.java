package dev.poststride.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * No text field of a request may carry the NUL character: PostgreSQL cannot store it in text, so it would end as a
 * 500 deep in a write. Refused while the body is read, as a 422 naming the field (see
 * {@link ProblemExceptionMappers#malformedJson}).
 */
@Singleton
public class NulFreeText implements ObjectMapperCustomizer {

    /** A text field of the body that contains NUL. */
    public static final class NulInText extends MismatchedInputException {
        NulInText(JsonParser parser) {
            super(parser, "text contains the NUL character", String.class);
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("nul-free-text").addDeserializer(String.class, new Deserializer()));
    }

    private static final class Deserializer extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            if (text != null && text.indexOf('\u0000') >= 0) {
                throw new NulInText(parser);
            }
            return text;
        }
    }
}
