package dev.poststride.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.poststride.bench.Bench;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deployment artefacts in {@code deploy/}, checked as a cluster would take them (no container engine runs here):
 * every Kubernetes and Knative manifest parses into the API's own types (fabric8's models) with no field those
 * types do not know, and what the service needs is there — a Secret reference for every required key, the probes on
 * the health endpoints, the migration as its own Job, the heap and memory the benchmark measured, the crons of the
 * scale-to-zero variant, and a compose file whose services start in the right order.
 */
class DeploymentManifestsTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** What the service refuses to start without (or, for the trigger secret, what its crons need). */
    private static final Set<String> REQUIRED_SECRETS = Set.of(
            "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
            "MP_JWT_VERIFY_PUBLICKEY", "SMALLRYE_JWT_SIGN_KEY", "POSTSTRIDE_VAULT_KEY", "POSTSTRIDE_MEDIA_SIGNING_KEY",
            "POSTSTRIDE_PUBLISHING_TRIGGER_SECRET");
    /** BENCHMARKS.md, scenarios 1 and 2: the native binary at this heap, resident after sustained load. */
    private static final Quantity MEASURED_RSS = new Quantity("139Mi");

    private static final Map<String, Class<? extends HasMetadata>> KUBERNETES_KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class, "v1/Secret", Secret.class, "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class, "batch/v1/Job", Job.class, "batch/v1/CronJob", CronJob.class,
            "serving.knative.dev/v1/Service", io.fabric8.knative.serving.v1.Service.class);

    @Test
    void everyManifestIsAKubernetesOrKnativeObjectWithOnlyFieldsItsTypeKnows() throws IOException {
        List<HasMetadata> all = manifests();
        assertThat(all).extracting(HasMetadata::getKind)
                .contains("ConfigMap", "Secret", "Deployment", "Service", "Job", "CronJob");
        for (HasMetadata manifest : all) {
            assertThat(unknownFields(manifest, manifest.getKind() + " " + manifest.getMetadata().getName(),
                                     new IdentityHashMap<>()))
                    .as("fields the Kubernetes API does not know").isEmpty();
            assertThat(manifest.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "post-stride");
        }
    }

    @Test
    void everyRequiredSecretIsReferencedByKeyAndTheExampleSecretHoldsEveryReferencedKey() throws IOException {
        Secret example = one(Secret.class);
        Set<String> templated = example.getStringData().keySet();
        List<Container> services = List.of(
                pod(one(Deployment.class)).getContainers().getFirst(), pod(one(Job.class)).getContainers().getFirst(),
                one(io.fabric8.knative.serving.v1.Service.class).getSpec().getTemplate().getSpec().getContainers()
                        .getFirst());
        for (Container container : services) {
            Set<String> referenced = secretKeys(container);
            assertThat(referenced).containsAll(REQUIRED_SECRETS.stream()
                                                       .filter(k -> !k.equals("POSTSTRIDE_PUBLISHING_TRIGGER_SECRET"))
                                                       .toList());
            assertThat(templated).containsAll(referenced);
        }
        for (CronJob cron : all(CronJob.class)) {
            assertThat(templated).containsAll(secretKeys(cron.getSpec().getJobTemplate().getSpec().getTemplate()
                                                                 .getSpec().getContainers().getFirst()));
        }
        assertThat(templated).containsAll(REQUIRED_SECRETS);
        assertThat(example.getStringData().values()).noneMatch(v -> v.length() >= 20 && !v.contains("CHANGE-ME")
                                                                    && !v.startsWith("jdbc:"));
    }

    @Test
    void theDeploymentProbesHealthRunsTheMeasuredHeapAndLeavesMigrationToItsJob() throws IOException {
        Deployment deployment = one(Deployment.class);
        Container container = pod(deployment).getContainers().getFirst();
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(container.getPorts()).anyMatch(p -> "http".equals(p.getName()) && p.getContainerPort() == 8080);
        assertThat(container.getArgs()).containsAll(Bench.NATIVE_HEAP_ARGS);
        Quantity request = container.getResources().getRequests().get("memory");
        Quantity limit = container.getResources().getLimits().get("memory");
        assertThat(request.getNumericalAmount()).isGreaterThan(MEASURED_RSS.getNumericalAmount());
        assertThat(limit.getNumericalAmount()).isGreaterThanOrEqualTo(request.getNumericalAmount());
        assertThat(pod(deployment).getTerminationGracePeriodSeconds()).isGreaterThan(20); // the shutdown grace
        assertThat(pod(deployment).getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(one(ConfigMap.class).getData()).containsEntry("POSTSTRIDE_MIGRATE_AT_START", "false")
                .containsEntry("POSTSTRIDE_MEDIA_STORAGE", "s3").containsKey("POSTSTRIDE_MEDIA_S3_BUCKET");

        Job migrate = one(Job.class);
        Container migration = pod(migrate).getContainers().getFirst();
        assertThat(migration.getImage()).isEqualTo(container.getImage());
        assertThat(migration.getArgs()).contains("migrate");
        assertThat(pod(migrate).getRestartPolicy()).isEqualTo("Never");
    }

    @Test
    void theServerlessVariantRunsNoLoopsAndItsCronsCallTheCyclesWithTheTriggerSecret() throws IOException {
        var knative = one(io.fabric8.knative.serving.v1.Service.class);
        var template = knative.getSpec().getTemplate();
        assertThat(template.getMetadata().getAnnotations()).containsEntry("autoscaling.knative.dev/min-scale", "0");
        assertThat(template.getSpec().getTimeoutSeconds()).isGreaterThan(50); // the cron budget
        Container container = template.getSpec().getContainers().getFirst();
        assertThat(container.getEnv()).anyMatch(e -> e.getName().equals("POSTSTRIDE_PUBLISHING_SCHEDULER_ENABLED")
                                                     && "false".equals(e.getValue()));
        assertThat(container.getEnv()).anyMatch(e -> e.getName().equals("POSTSTRIDE_TOKENS_SCHEDULER_ENABLED")
                                                     && "false".equals(e.getValue()));
        assertThat(container.getArgs()).containsAll(Bench.NATIVE_HEAP_ARGS);

        List<String> calls = new ArrayList<>();
        for (CronJob cron : all(CronJob.class)) {
            Container curl = cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers()
                    .getFirst();
            assertThat(curl.getArgs()).contains("POST",
                                                "Authorization: Bearer $(POSTSTRIDE_PUBLISHING_TRIGGER_SECRET)");
            assertThat(secretKeys(curl)).containsExactly("POSTSTRIDE_PUBLISHING_TRIGGER_SECRET");
            calls.add(curl.getArgs().getLast().replaceFirst("^https?://[^/]+", ""));
        }
        assertThat(calls).containsExactlyInAnyOrder("/api/internal/publish-cycle", "/api/internal/webhook-cycle",
                                                    "/api/internal/token-refresh-cycle");
    }

    @Test
    void composeStartsPostgresAndMinioThenMigratesThenServesWithMediaInTheBucket() throws IOException {
        // SnakeYAML resolves the file's anchors (&build, *environment), which Jackson's YAML reader leaves as text.
        JsonNode compose = JSON.valueToTree(new org.yaml.snakeyaml.Yaml().load(
                Files.readString(DEPLOY.resolve("compose.yaml"))));
        JsonNode services = compose.path("services");
        assertThat(fieldNames(services)).containsExactlyInAnyOrder("postgres", "minio", "bucket", "secrets", "migrate",
                                                                   "post-stride");
        JsonNode migrate = services.path("migrate");
        assertThat(migrate.path("command").get(0).asText()).isEqualTo("migrate");
        assertThat(migrate.path("depends_on").path("postgres").path("condition").asText())
                .isEqualTo("service_healthy");
        JsonNode service = services.path("post-stride");
        assertThat(service.path("depends_on").path("migrate").path("condition").asText())
                .isEqualTo("service_completed_successfully");
        assertThat(service.path("depends_on").path("bucket").path("condition").asText())
                .isEqualTo("service_completed_successfully");
        JsonNode env = service.path("environment");
        assertThat(env.path("POSTSTRIDE_MEDIA_STORAGE").asText()).isEqualTo("s3");
        assertThat(env.path("QUARKUS_S3_ENDPOINT_OVERRIDE").asText()).isEqualTo("http://minio:9000");
        assertThat(env.path("QUARKUS_DATASOURCE_JDBC_URL").asText()).startsWith("jdbc:postgresql://postgres:");
        assertThat(env.path("POSTSTRIDE_MIGRATE_AT_START").asText()).isEqualTo("false");
        assertThat(env.path("QUARKUS_CONFIG_LOCATIONS").asText()).isEqualTo("/secrets/secrets.properties");
        String secrets = services.path("secrets").path("command").toString();
        for (String key : List.of("mp.jwt.verify.publickey.location", "smallrye.jwt.sign.key.location",
                                  "poststride.vault.key", "poststride.media.signing-key")) {
            assertThat(secrets).contains(key + "=");
        }
        assertThat(Path.of(service.path("build").path("dockerfile").asText()).getFileName().toString())
                .isEqualTo("Dockerfile.jvm");
        assertThat(Files.exists(DEPLOY.resolve(service.path("build").path("context").asText())
                                        .resolve(service.path("build").path("dockerfile").asText()))).isTrue();
    }

    // ---- reading the manifests --------------------------------------------------------------------------------------

    private static List<HasMetadata> manifests() throws IOException {
        List<HasMetadata> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("compose.yaml"))
                    .sorted().toList()) {
                try (var parser = new YAMLFactory().createParser(file.toFile())) {
                    for (JsonNode document : YAML.readValues(parser, JsonNode.class).readAll()) {
                        String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
                        Class<? extends HasMetadata> kind = KUBERNETES_KINDS.get(type);
                        assertThat(kind).as(file + ": a known kind (" + type + ")").isNotNull();
                        all.add(JSON.treeToValue(document, kind));
                    }
                }
            }
        }
        return all;
    }

    private static <T extends HasMetadata> List<T> all(Class<T> kind) throws IOException {
        return manifests().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static <T extends HasMetadata> T one(Class<T> kind) throws IOException {
        List<T> found = all(kind);
        assertThat(found).as("one " + kind.getSimpleName()).hasSize(1);
        return found.getFirst();
    }

    private static PodSpec pod(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec();
    }

    private static PodSpec pod(Job job) {
        return job.getSpec().getTemplate().getSpec();
    }

    private static Set<String> secretKeys(Container container) {
        Set<String> keys = new LinkedHashSet<>();
        for (EnvVar env : container.getEnv()) {
            if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("post-stride");
                assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(env.getName());
                keys.add(env.getName());
            }
        }
        return keys;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * Fields a manifest has that its type does not: fabric8 keeps them in {@code additionalProperties} instead of
     * failing, so they are looked for through the whole object (a misspelt {@code readinesProbe} would land there).
     */
    private static List<String> unknownFields(Object value, String path, Map<Object, Boolean> seen) {
        List<String> unknown = new ArrayList<>();
        if (value == null || seen.put(value, true) != null) {
            return unknown;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknown.addAll(unknownFields(item, path + "[" + i++ + "]", seen));
            }
            return unknown;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknown.addAll(unknownFields(v, path + "." + k, seen)));
            return unknown;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return unknown;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
                continue;
            }
            unknown.addAll(unknownFields(field, path + "." + getter.getName().substring(3), seen));
        }
        return unknown;
    }
}
