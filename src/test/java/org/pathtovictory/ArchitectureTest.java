package org.pathtovictory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The import graph keeps its floors: the engine room at the bottom, the web room on it, the shared
 * capabilities above, pages and capabilities on top, the application over all. A package uses only
 * its own floor and those below, and no packages use each other, even by a detour.
 */
class ArchitectureTest {

  static final String APPLICATION = "Application";
  static final String PAGES = "Pages and capabilities";
  static final String SHARED = "Shared capabilities";
  static final String WEB = "Web room";
  static final String ENGINE = "Engine room";

  static final String[] PAGE_PACKAGES = {
    "org.pathtovictory.endorsement..",
    "org.pathtovictory.compliance..",
    "org.pathtovictory.planning..",
    "org.pathtovictory.votercontact..",
    "org.pathtovictory.board..",
    "org.pathtovictory.calendar..",
    "org.pathtovictory.settings..",
    "org.pathtovictory.onboarding..",
    "org.pathtovictory.plan..",
    "org.pathtovictory.tasks..",
    "org.pathtovictory.operations..",
    "org.pathtovictory.joint.."
  };
  static final String[] SHARED_PACKAGES = {
    "org.pathtovictory.identity..",
    "org.pathtovictory.notification..",
    "org.pathtovictory.modeling..",
    "org.pathtovictory.signin.."
  };
  static final String WEB_PACKAGE = "org.pathtovictory.web..";
  static final String ENGINE_PACKAGE = "org.pathtovictory.engine..";

  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.pathtovictory");

  @Test
  void noPackageUsesOneAboveIt() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer(APPLICATION)
        .definedBy("org.pathtovictory")
        .layer(PAGES)
        .definedBy(PAGE_PACKAGES)
        .layer(SHARED)
        .definedBy(SHARED_PACKAGES)
        .layer(WEB)
        .definedBy(WEB_PACKAGE)
        .layer(ENGINE)
        .definedBy(ENGINE_PACKAGE)
        .whereLayer(APPLICATION)
        .mayNotBeAccessedByAnyLayer()
        .whereLayer(PAGES)
        .mayOnlyBeAccessedByLayers(APPLICATION)
        .whereLayer(SHARED)
        .mayOnlyBeAccessedByLayers(PAGES, APPLICATION)
        .whereLayer(WEB)
        .mayOnlyBeAccessedByLayers(SHARED, PAGES, APPLICATION)
        .whereLayer(ENGINE)
        .mayOnlyBeAccessedByLayers(WEB, SHARED, PAGES, APPLICATION)
        .check(CLASSES);
  }

  /** Optional layers would let a misspelt package pass unseen: the floors hold what they name. */
  @Test
  void theFloorsHoldTheApplicationsPackages() {
    for (String name :
        List.of("web", "engine", "identity", "modeling", "notification", "signin", "board")) {
      assertThat(CLASSES.containPackage("org.pathtovictory." + name)).as(name).isTrue();
    }
  }

  @Test
  void noPackagesUseEachOther() {
    slices().matching("org.pathtovictory.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  /** A new package must take its floor here, or the floors would not see it. */
  @Test
  void everyPackageStandsOnAFloor() {
    String[] all =
        Stream.of(
                Stream.of("org.pathtovictory", WEB_PACKAGE, ENGINE_PACKAGE),
                Arrays.stream(PAGE_PACKAGES),
                Arrays.stream(SHARED_PACKAGES))
            .flatMap(s -> s)
            .toArray(String[]::new);
    classes().should().resideInAnyPackage(all).check(CLASSES);
  }
}
