package io.vescollector;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages depend downwards only, as docs/ARCHITECTURE.md draws them: the pipeline's stages never
 * reach up to the listener, feature packages receive plain records rather than reading the configuration,
 * and the tools and the command line sit on top. A new dependency that breaks the table, or any cycle
 * between packages, fails here with the classes that make it.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages("io.vescollector");
  }

  /** The allowed dependencies, the same table as docs/ARCHITECTURE.md's "Package dependencies". */
  static LayeredArchitecture layers() {
    return layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("answer").definedBy("io.vescollector.answer..")
        .layer("parse").definedBy("io.vescollector.parse..")
        .layer("validate").definedBy("io.vescollector.validate..")
        .layer("enrich").definedBy("io.vescollector.enrich..")
        .layer("route").definedBy("io.vescollector.route..")
        .layer("kafka").definedBy("io.vescollector.kafka..")
        .layer("publish").definedBy("io.vescollector.publish..")
        .layer("security").definedBy("io.vescollector.security..")
        .layer("metrics").definedBy("io.vescollector.metrics..")
        .layer("receive").definedBy("io.vescollector.receive..")
        .layer("contract").definedBy("io.vescollector.contract..")
        .layer("streaming").definedBy("io.vescollector.streaming..")
        .layer("hvves").definedBy("io.vescollector.hvves..")
        .layer("config").definedBy("io.vescollector.config..")
        .layer("collector").definedBy("io.vescollector")
        .layer("tools").definedBy("io.vescollector.tools..")
        .layer("cli").definedBy("io.vescollector.cli..")

        .whereLayer("answer").mayNotAccessAnyLayer()
        .whereLayer("parse").mayOnlyAccessLayers("answer")
        .whereLayer("validate").mayOnlyAccessLayers("parse", "answer")
        .whereLayer("enrich").mayOnlyAccessLayers("parse", "answer")
        .whereLayer("route").mayOnlyAccessLayers("parse", "answer")
        .whereLayer("kafka").mayNotAccessAnyLayer()
        .whereLayer("publish").mayOnlyAccessLayers("kafka", "enrich", "parse", "answer")
        .whereLayer("security").mayOnlyAccessLayers("answer")
        .whereLayer("metrics").mayOnlyAccessLayers("kafka", "publish", "security")
        .whereLayer("receive").mayOnlyAccessLayers("answer", "parse", "validate", "enrich", "route", "kafka",
            "publish", "security", "metrics")
        .whereLayer("contract").mayOnlyAccessLayers("receive")
        .whereLayer("streaming").mayOnlyAccessLayers("answer", "parse", "kafka", "publish", "security", "receive")
        .whereLayer("hvves").mayOnlyAccessLayers("answer", "parse", "kafka", "publish", "security", "metrics")
        .whereLayer("config").mayOnlyAccessLayers("answer", "parse", "validate", "enrich", "route", "kafka",
            "publish", "security", "streaming", "hvves")
        .whereLayer("collector").mayOnlyAccessLayers("answer", "parse", "validate", "enrich", "route", "kafka",
            "publish", "security", "metrics", "receive", "contract", "streaming", "hvves", "config")
        .whereLayer("tools").mayOnlyAccessLayers("answer", "parse", "validate", "enrich", "route", "kafka",
            "publish", "security", "metrics", "streaming", "hvves", "config", "collector")
        .whereLayer("cli").mayOnlyAccessLayers("answer", "parse", "validate", "enrich", "route", "kafka",
            "publish", "security", "metrics", "receive", "contract", "streaming", "hvves", "config", "collector", "tools");
  }

  @Test
  void everyPackageDependsOnlyOnThePackagesBelowIt() {
    layers().check(classes);
  }

  @Test
  void noTwoPackagesDependOnEachOther() {
    slices().matching("io.vescollector.(*)..").should().beFreeOfCycles().check(classes);
  }
}
