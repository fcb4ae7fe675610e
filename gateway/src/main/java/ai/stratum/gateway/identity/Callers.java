package ai.stratum.gateway.identity;

import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;

/** The caller of the request the current thread serves. */
public final class Callers {

  private Callers() {}

  public static Optional<Caller> current() {
    return SecurityContextHolder.getContext().getAuthentication()
            instanceof CallerAuthentication authentication
        ? Optional.of(authentication.caller())
        : Optional.empty();
  }

  /**
   * The caller of a request that passed authentication; only code behind an authenticated route
   * calls this.
   */
  public static Caller require() {
    return current()
        .orElseThrow(() -> new IllegalStateException("no authenticated caller on this thread"));
  }
}
