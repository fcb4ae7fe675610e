package ai.stratum.core.tenancy;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The tenant the current thread works for. A request (see {@code stratum.core.tenancy.header}) or
 * an event consumer enters a scope for the tenant and the scope restores the previous state when
 * closed, so pooled threads never carry a tenant into unrelated work.
 *
 * <pre>{@code
 * try (var scope = TenantContext.enter(envelope.tenant())) {
 *   handle(envelope.payload());
 * }
 * }</pre>
 */
public final class TenantContext {

  private static final ThreadLocal<TenantId> CURRENT = new ThreadLocal<>();

  private TenantContext() {}

  /** The tenant of the current thread, or empty outside any tenant scope. */
  public static Optional<TenantId> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /**
   * The tenant of the current thread.
   *
   * @throws MissingTenantException when the thread is outside any tenant scope
   */
  public static TenantId require() {
    TenantId tenant = CURRENT.get();
    if (tenant == null) {
      throw new MissingTenantException();
    }
    return tenant;
  }

  /**
   * Makes {@code tenant} current until the returned scope is closed, then restores whatever was
   * current before.
   */
  public static Scope enter(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    TenantId previous = CURRENT.get();
    CURRENT.set(tenant);
    return new Scope(previous);
  }

  public static void run(TenantId tenant, Runnable work) {
    try (Scope ignored = enter(tenant)) {
      work.run();
    }
  }

  public static <T> T call(TenantId tenant, Supplier<T> work) {
    try (Scope ignored = enter(tenant)) {
      return work.get();
    }
  }

  /** An entered tenant scope; closing it restores the previous tenant (or none). */
  public static final class Scope implements AutoCloseable {

    private final @Nullable TenantId previous;
    private boolean closed;

    private Scope(@Nullable TenantId previous) {
      this.previous = previous;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }
}
