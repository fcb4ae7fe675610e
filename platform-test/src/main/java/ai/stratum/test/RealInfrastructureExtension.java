package ai.stratum.test;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

/**
 * Starts the shared infrastructure before anything of the test class runs. Besides {@code
 * beforeAll}, it hooks the construction of the test instance, which comes first for {@code
 * PER_CLASS} lifecycles, where Spring may otherwise build its context before the servers exist.
 */
final class RealInfrastructureExtension
    implements BeforeAllCallback, TestInstancePreConstructCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    SharedInfrastructure.get();
  }

  @Override
  public void preConstructTestInstance(
      TestInstanceFactoryContext factoryContext, ExtensionContext context) {
    SharedInfrastructure.get();
  }
}
