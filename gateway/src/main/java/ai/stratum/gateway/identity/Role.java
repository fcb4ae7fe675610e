package ai.stratum.gateway.identity;

import java.util.Locale;

/** What a caller may do; a caller holds one or more roles. */
public enum Role {
  /** Operates the platform: tenants, API keys, users, model promotion. Sees no patient data. */
  ADMIN,
  /** Works with a hospital's studies and findings. */
  CLINICIAN,
  /** Works with a bank's decisions, thresholds and cases. */
  ANALYST,
  /** Reads the audit log and verifies its chain. */
  AUDITOR;

  /** The Spring Security authority of this role, {@code ROLE_<NAME>}. */
  public String authority() {
    return "ROLE_" + name();
  }

  public static Role parse(String text) {
    return valueOf(text.strip().toUpperCase(Locale.ROOT));
  }
}
