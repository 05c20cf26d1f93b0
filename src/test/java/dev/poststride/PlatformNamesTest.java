package dev.poststride;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Nothing outside a platform's module names it: no string literal equal to its key ({@code "tiktok"}) and no type
 * named after it ({@code TikTokPublisher}) anywhere in {@code src/main/java} but {@code platforms/<key>/} (and
 * {@code platforms/meta/} for Meta's platforms). The modules are found as they are: each folder of
 * {@code platforms/} with a {@code <Name>Module.java}; {@code <Name>} is the platform's name in type names.
 */
class PlatformNamesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path MODULES = SOURCES.resolve("dev/poststride/platforms");
    /** What Meta's platforms share may name them (Threads joins them with issue 24's slice 4). */
    private static final List<String> META = List.of("facebook", "instagram", "threads");

    @Test
    void nothingOutsideAModuleNamesItsPlatform() throws IOException {
        Map<String, String> names = modules();
        assertThat(names).as("platform modules found").hasSizeGreaterThanOrEqualTo(5);
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                names.forEach((key, name) -> {
                    if (owns(file, key)) {
                        return;
                    }
                    if (source.contains("\"" + key + "\"")) {
                        hits.add(file + ": the string \"" + key + "\"");
                    }
                    Matcher type = Pattern.compile("\\b" + name + "[A-Z]\\w*").matcher(source);
                    while (type.find()) {
                        // A type name: the platform's name, then a capital, and some lower case (XML is no X type).
                        if (!type.group().equals(type.group().toUpperCase())) {
                            hits.add(file + ": the type name " + type.group());
                        }
                    }
                });
            }
        }
        assertThat(hits).isEmpty();
    }

    @Test
    void theScanFindsWhatItLooksFor() throws IOException {
        Map<String, String> names = modules();
        assertThat(names).containsEntry("x", "X").containsEntry("tiktok", "TikTok")
                .containsEntry("linkedin", "LinkedIn");
        assertThat(owns(MODULES.resolve("meta/MetaLogin.java"), "instagram")).isTrue();
        assertThat(owns(MODULES.resolve("meta/MetaLogin.java"), "x")).isFalse();
        assertThat(owns(SOURCES.resolve("dev/poststride/post/PostService.java"), "x")).isFalse();
    }

    /** Key → name in type names, from each module folder's {@code <Name>Module.java}. */
    private static Map<String, String> modules() throws IOException {
        Map<String, String> names = new LinkedHashMap<>();
        try (Stream<Path> folders = Files.list(MODULES)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(folder)) {
                    files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith("Module.java")).findFirst()
                            .ifPresent(f -> names.put(folder.getFileName().toString(),
                                                      f.substring(0, f.length() - "Module.java".length())));
                }
            }
        }
        return names;
    }

    private static boolean owns(Path file, String key) {
        return file.startsWith(MODULES.resolve(key)) || META.contains(key) && file.startsWith(MODULES.resolve("meta"));
    }
}
