package ai.stratum.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceDefaultsTest {

  @StratumService(name = "behind-gateway", schema = "behind", port = 8090)
  static class ServiceBehindTheGateway {}

  @StratumService(name = "edge", schema = "edge", port = 8091, authenticatesCallers = true)
  static class ServiceThatAuthenticatesCallers {}

  @Test
  void excludesSpringSecurityFromServicesThatTrustTheGateway() {
    var defaults = ServiceDefaults.defaults(ServiceDefinition.of(ServiceBehindTheGateway.class));

    assertThat(defaults.get("spring.autoconfigure.exclude"))
        .asString()
        .contains("org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration")
        .contains("OAuth2ResourceServerAutoConfiguration");
    assertThat(defaults).containsEntry("server.forward-headers-strategy", "framework");
  }

  @Test
  void leavesSpringSecurityToServicesThatAuthenticateCallers() {
    var defaults =
        ServiceDefaults.defaults(ServiceDefinition.of(ServiceThatAuthenticatesCallers.class));

    assertThat(defaults).doesNotContainKey("spring.autoconfigure.exclude");
    // the front door does not believe X-Forwarded-* headers its clients send
    assertThat(defaults).doesNotContainKey("server.forward-headers-strategy");
  }
}
