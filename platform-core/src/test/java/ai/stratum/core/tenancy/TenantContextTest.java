package ai.stratum.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class TenantContextTest {

  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");

  @Test
  void requireFailsOutsideAnyTenantScope() {
    assertThat(TenantContext.current()).isEmpty();
    assertThatThrownBy(TenantContext::require)
        .isInstanceOf(MissingTenantException.class)
        .satisfies(
            e -> assertThat(((MissingTenantException) e).slug()).isEqualTo("tenant-required"));
  }

  @Test
  void scopeMakesTenantCurrentAndClearsItWhenClosed() {
    try (TenantContext.Scope scope = TenantContext.enter(ACME)) {
      assertThat(TenantContext.require()).isEqualTo(ACME);
    }
    assertThat(TenantContext.current()).isEmpty();
  }

  @Test
  void nestedScopeRestoresOuterTenant() {
    try (TenantContext.Scope outer = TenantContext.enter(ACME)) {
      try (TenantContext.Scope inner = TenantContext.enter(GLOBEX)) {
        assertThat(TenantContext.require()).isEqualTo(GLOBEX);
      }
      assertThat(TenantContext.require()).isEqualTo(ACME);
    }
    assertThat(TenantContext.current()).isEmpty();
  }

  @Test
  void scopeIsClearedEvenWhenWorkThrows() {
    assertThatThrownBy(() ->
            TenantContext.run(
                ACME,
                () -> {
                  throw new IllegalStateException("boom");
                }))
        .hasMessage("boom");
    assertThat(TenantContext.current()).isEmpty();
  }

  @Test
  void callReturnsTheResultOfWorkDoneForTheTenant() {
    assertThat(TenantContext.call(GLOBEX, () -> TenantContext.require().value()))
        .isEqualTo("globex");
  }

  @Test
  void tenantDoesNotLeakToOtherThreads() throws Exception {
    var executor = Executors.newSingleThreadExecutor();
    try (TenantContext.Scope scope = TenantContext.enter(ACME)) {
      assertThat(CompletableFuture.supplyAsync(TenantContext::current, executor).get()).isEmpty();
    } finally {
      executor.shutdownNow();
    }
  }
}
