package ai.stratum.test.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Set;

/**
 * The module boundaries of Stratum, as executable rules. Each Maven module checks its own classes:
 * features inside a module form no cycles, nobody reaches into another feature's {@code internal}
 * package, and a service depends on platform-core and itself, never on another service.
 */
public final class StratumArchitecture {

  /** Root packages of the services; a service may use platform-core but never another service. */
  public static final Set<String> SERVICE_PACKAGES =
      Set.of(
          "ai.stratum.medical",
          "ai.stratum.finance",
          "ai.stratum.learning",
          "ai.stratum.privacy",
          "ai.stratum.gateway");

  private StratumArchitecture() {}

  public static JavaClasses importProductionClasses(String rootPackage) {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(rootPackage);
  }

  /** Every rule that applies to the module whose code lives under {@code rootPackage}. */
  public static List<ArchRule> rulesFor(String rootPackage) {
    return List.of(
        featuresAreFreeOfCycles(rootPackage),
        internalsStayInsideTheirFeature(rootPackage),
        noDependencyOnOtherServices(rootPackage),
        platformCoreDependsOnNoService());
  }

  public static void verify(String rootPackage) {
    JavaClasses classes = importProductionClasses(rootPackage);
    rulesFor(rootPackage).forEach(rule -> rule.check(classes));
  }

  static ArchRule featuresAreFreeOfCycles(String rootPackage) {
    return slices()
        .matching(rootPackage + ".(*)..")
        .should()
        .beFreeOfCycles()
        .allowEmptyShould(true)
        .because("features of a module depend on each other in one direction only");
  }

  static ArchRule internalsStayInsideTheirFeature(String rootPackage) {
    return classes()
        .that()
        .resideInAPackage(rootPackage + "..")
        .should(useNoOtherFeaturesInternals(rootPackage))
        .allowEmptyShould(true)
        .because("a feature's internal package is its own business");
  }

  private static ArchCondition<JavaClass> useNoOtherFeaturesInternals(String rootPackage) {
    return new ArchCondition<>("use no other feature's internal classes") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          String target = dependency.getTargetClass().getPackageName();
          int internal = target.indexOf(".internal");
          if (target.startsWith(rootPackage + ".") && internal > 0) {
            String owner = target.substring(0, internal);
            String from = origin.getPackageName();
            if (!from.equals(owner) && !from.startsWith(owner + ".")) {
              events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
            }
          }
        }
      }
    };
  }

  static ArchRule noDependencyOnOtherServices(String rootPackage) {
    String[] others =
        SERVICE_PACKAGES.stream()
            .filter(service -> !service.equals(rootPackage))
            .map(service -> service + "..")
            .toArray(String[]::new);
    return noClasses()
        .that()
        .resideInAPackage(rootPackage + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(others)
        .allowEmptyShould(true)
        .because("services talk through Kafka events and REST, never through each other's code");
  }

  static ArchRule platformCoreDependsOnNoService() {
    return noClasses()
        .that()
        .resideInAPackage("ai.stratum.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            SERVICE_PACKAGES.stream().map(service -> service + "..").toArray(String[]::new))
        .allowEmptyShould(true)
        .because("platform-core is the shared base; services build on it, not the other way round");
  }
}
