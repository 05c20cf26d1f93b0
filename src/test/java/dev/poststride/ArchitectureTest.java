package dev.poststride;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Features depend in one direction only; the shared kernel depends on none of them. Packages are named in full:
 * {@code ..media..} would also match libraries' packages (org.eclipse.microprofile.openapi.annotations.media).
 */
@AnalyzeClasses(packages = "dev.poststride", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String AUTH = "dev.poststride.auth..";
    private static final String USER = "dev.poststride.user..";
    private static final String PLATFORM = "dev.poststride.platform..";
    private static final String POST = "dev.poststride.post..";
    private static final String MEDIA = "dev.poststride.media..";
    private static final String PUBLISHING = "dev.poststride.publishing..";
    private static final String EVENT = "dev.poststride.event..";
    private static final String WEBHOOK = "dev.poststride.webhook..";

    @ArchTest
    static final ArchRule commonDependsOnNoFeature = noClasses().that().resideInAPackage("dev.poststride.common..")
            .should().dependOnClassesThat().resideInAnyPackage(AUTH, USER, PLATFORM, POST, MEDIA, PUBLISHING, EVENT,
                                                               WEBHOOK);

    /** The outbox is told of changes by the features; it knows none of them, nor who reads it. */
    @ArchTest
    static final ArchRule eventsKnowNoFeature = noClasses().that().resideInAPackage(EVENT)
            .should().dependOnClassesThat().resideInAnyPackage(AUTH, USER, PLATFORM, POST, MEDIA, PUBLISHING,
                                                               WEBHOOK);

    @ArchTest
    static final ArchRule webhooksReadOnlyTheOutbox = noClasses().that().resideInAPackage(WEBHOOK)
            .should().dependOnClassesThat().resideInAnyPackage(PLATFORM, POST, MEDIA, PUBLISHING);

    @ArchTest
    static final ArchRule usersDoNotKnowAboutSessions = noClasses().that().resideInAPackage(USER)
            .should().dependOnClassesThat().resideInAPackage(AUTH);

    @ArchTest
    static final ArchRule platformsKnowNothingOfPostsMediaOrPublishing = noClasses().that().resideInAPackage(PLATFORM)
            .should().dependOnClassesThat().resideInAnyPackage(POST, MEDIA, PUBLISHING);

    @ArchTest
    static final ArchRule mediaKnowsNothingOfPostsPlatformsOrPublishing = noClasses().that().resideInAPackage(MEDIA)
            .should().dependOnClassesThat().resideInAnyPackage(POST, PLATFORM, PUBLISHING);

    @ArchTest
    static final ArchRule postsDoNotReachIntoPublishingOrOAuth = noClasses().that().resideInAPackage(POST)
            .should().dependOnClassesThat().resideInAnyPackage(PUBLISHING, "dev.poststride.platform.oauth..",
                                                               "dev.poststride.platform.sandbox..");

    // ---- platform modules (platforms/<key>, what Meta's platforms share in platforms/meta, the kit in platforms) ----

    private static final String MODULES = "dev.poststride.platforms.*..";

    /** A module depends on the kit and on Meta's shared code, never on another module. */
    @ArchTest
    static final ArchRule modulesDependOnNoOtherModule = slices().matching("dev.poststride.platforms.(*)..")
            .should().notDependOnEachOther()
            .ignoreDependency(DescribedPredicate.alwaysTrue(),
                              JavaClass.Predicates.resideInAPackage("dev.poststride.platforms.meta.."));

    /** Posts, the engine, connections and everything else know platforms only through the kit. */
    @ArchTest
    static final ArchRule onlyModulesReachIntoModules = noClasses().that()
            .resideOutsideOfPackage("dev.poststride.platforms..")
            .should().dependOnClassesThat().resideInAPackage(MODULES);

    /** The kit knows no module: modules plug into it. */
    @ArchTest
    static final ArchRule theKitKnowsNoModule = noClasses().that().resideInAPackage("dev.poststride.platforms")
            .should().dependOnClassesThat().resideInAPackage(MODULES);

    /** The kit and the modules know no feature: features plug platforms in (media's views are the one exception). */
    @ArchTest
    static final ArchRule platformsKnowNoFeature = noClasses().that().resideInAPackage("dev.poststride.platforms..")
            .should().dependOnClassesThat().resideInAnyPackage(AUTH, USER, PLATFORM, POST, PUBLISHING, EVENT,
                                                               WEBHOOK);

    @ArchTest
    static final ArchRule resourcesLeaveTransactionsToServices = noMethods().that().areDeclaredInClassesThat()
            .haveSimpleNameEndingWith("Resource")
            .should().beAnnotatedWith(jakarta.transaction.Transactional.class);
}
