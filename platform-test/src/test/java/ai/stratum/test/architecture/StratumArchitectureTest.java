package ai.stratum.test.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

class StratumArchitectureTest {

  private static final String FIXTURE = "ai.stratum.test.architecture.fixture";
  private final JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE);

  @Test
  void reportsAFeatureReachingIntoAnotherFeaturesInternals() {
    EvaluationResult result =
        StratumArchitecture.internalsStayInsideTheirFeature(FIXTURE).evaluate(fixture);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .singleElement()
        .asString()
        .contains("Orders")
        .contains("Ledger");
  }

  @Test
  void reportsACycleBetweenFeatures() {
    EvaluationResult result =
        StratumArchitecture.featuresAreFreeOfCycles(FIXTURE).evaluate(fixture);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("billing").contains("orders");
  }

  @Test
  void reportsAServiceUsingAnotherServicesCode() {
    JavaClasses services =
        new ClassFileImporter()
            .importPackages("ai.stratum.medical.archfixture", "ai.stratum.finance.archfixture");

    EvaluationResult result =
        StratumArchitecture.noDependencyOnOtherServices("ai.stratum.medical").evaluate(services);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("MedicalUsingFinance");
  }
}
