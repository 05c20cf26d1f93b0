package dev.poststride;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Features depend in one direction only; the shared kernel depends on none of them. */
@AnalyzeClasses(packages = "dev.poststride", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule commonDependsOnNoFeature = noClasses().that().resideInAPackage("..common..")
            .should().dependOnClassesThat().resideInAnyPackage("..auth..", "..user..", "..platform..", "..post..",
                                                               "..media..", "..publishing..");

    @ArchTest
    static final ArchRule usersDoNotKnowAboutSessions = noClasses().that().resideInAPackage("..user..")
            .should().dependOnClassesThat().resideInAPackage("..auth..");

    @ArchTest
    static final ArchRule platformsKnowNothingOfPostsMediaOrPublishing = noClasses().that()
            .resideInAPackage("..platform..")
            .should().dependOnClassesThat().resideInAnyPackage("..post..", "..media..", "..publishing..");

    @ArchTest
    static final ArchRule mediaKnowsNothingOfPostsPlatformsOrPublishing = noClasses().that().resideInAPackage("..media..")
            .should().dependOnClassesThat().resideInAnyPackage("..post..", "..platform..", "..publishing..");

    @ArchTest
    static final ArchRule postsDoNotReachIntoPublishingOrOAuth = noClasses().that().resideInAPackage("..post..")
            .should().dependOnClassesThat().resideInAnyPackage("..publishing..", "..platform.oauth..",
                                                               "..platform.sandbox..");

    @ArchTest
    static final ArchRule resourcesLeaveTransactionsToServices = noMethods().that().areDeclaredInClassesThat()
            .haveSimpleNameEndingWith("Resource")
            .should().beAnnotatedWith(jakarta.transaction.Transactional.class);
}
