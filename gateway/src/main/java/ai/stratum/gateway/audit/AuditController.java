package ai.stratum.gateway.audit;

import ai.stratum.core.audit.AuditLog;
import ai.stratum.core.audit.AuditPage;
import ai.stratum.core.audit.AuditVerification;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.core.web.InvalidRequestException;
import ai.stratum.core.web.NotFoundException;
import ai.stratum.gateway.identity.Caller;
import ai.stratum.gateway.identity.Callers;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log over HTTP (roles AUDITOR and ADMIN). Auditors of a hospital or bank read their own
 * tenant's entries; platform auditors and admins read any tenant's.
 */
@RestController
@RequestMapping("/api/gateway/audit")
class AuditController {

  private final AuditLog audit;

  AuditController(AuditLog audit) {
    this.audit = audit;
  }

  @GetMapping("/entries")
  AuditPage entries(
      @RequestParam(required = false) @Nullable String tenant,
      @RequestParam(defaultValue = "0") long after,
      @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw new InvalidRequestException("limit must be between 1 and 1000.");
    }
    return audit.page(readableTenant(Callers.require(), tenant), after, limit);
  }

  @GetMapping("/verification")
  AuditVerification verify() {
    return audit.verify();
  }

  /**
   * The tenant whose entries the caller asked for, if the caller may read them; another tenant's
   * entries are "not found", so their existence does not leak.
   */
  static TenantId readableTenant(Caller caller, @Nullable String requested) {
    if (requested == null || requested.isBlank()) {
      return caller.tenant();
    }
    TenantId tenant;
    try {
      tenant = TenantId.of(requested);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("tenant", requested);
    }
    if (!AuditReaders.readsEveryTenant(caller) && !tenant.equals(caller.tenant())) {
      throw new NotFoundException("tenant", requested);
    }
    return tenant;
  }
}
