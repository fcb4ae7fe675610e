package ai.stratum.standalone;

import ai.stratum.core.service.ServiceDefinition;
import ai.stratum.finance.FinanceApplication;
import ai.stratum.gateway.GatewayApplication;
import ai.stratum.learning.ContinualLearningApplication;
import ai.stratum.medical.MedicalApplication;
import ai.stratum.privacy.PrivacyApplication;
import java.util.List;

/**
 * The services standalone mode runs, in start order: the gateway last, once what it routes to is
 * up.
 */
final class ServiceCatalogue {

  static final List<ServiceDefinition> SERVICES =
      List.of(
              MedicalApplication.class,
              FinanceApplication.class,
              ContinualLearningApplication.class,
              PrivacyApplication.class,
              GatewayApplication.class)
          .stream()
          .map(ServiceDefinition::of)
          .toList();

  private ServiceCatalogue() {}

  static List<String> names() {
    return SERVICES.stream().map(ServiceDefinition::name).toList();
  }
}
