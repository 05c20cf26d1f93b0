package dev.poststride.common;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Tracing is off unless there is somewhere to send it: without an OTLP endpoint
 * ({@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT} or {@code ..._TRACES_ENDPOINT}) the OpenTelemetry SDK stays disabled,
 * so an instance neither records spans nor tries to reach a collector on localhost. Setting
 * {@code QUARKUS_OTEL_SDK_DISABLED} explicitly still wins (this source has the lowest priority).
 */
public class TracingConfigSourceFactory implements ConfigSourceFactory {

    private static final List<String> ENDPOINTS = List.of("quarkus.otel.exporter.otlp.endpoint",
                                                          "quarkus.otel.exporter.otlp.traces.endpoint");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean exporting = ENDPOINTS.stream().map(context::getValue).anyMatch(TracingConfigSourceFactory::isSet);
        return List.of(new PropertiesConfigSource(Map.of("quarkus.otel.sdk.disabled", Boolean.toString(!exporting)),
                                                  "tracing-off-without-endpoint", 10));
    }

    /** Set by whoever runs the service: Quarkus's own default ({@code http://localhost:4317}) does not count. */
    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank()
               && value.getConfigSourceOrdinal() > 0;
    }
}
