package ai.stratum.gateway.console;

import ai.stratum.core.audit.AuditLog;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.gateway.audit.AuditReaders;
import ai.stratum.gateway.identity.Caller;
import ai.stratum.gateway.identity.Callers;
import ai.stratum.gateway.tenancy.Tenant;
import ai.stratum.gateway.tenancy.Tenants;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log, a page at a time, and verification of the whole chain (roles AUDITOR and ADMIN).
 * Auditors of a hospital or bank see their own tenant only.
 */
@Controller
@RequestMapping("/console/audit")
class AuditPages {

  private static final int PAGE_SIZE = 50;

  private final AuditLog audit;
  private final Tenants tenants;

  AuditPages(AuditLog audit, Tenants tenants) {
    this.audit = audit;
    this.tenants = tenants;
  }

  @GetMapping
  String entries(
      @RequestParam(required = false) @Nullable String tenant,
      @RequestParam(defaultValue = "0") long after,
      Model model) {
    Caller caller = Callers.require();
    List<Tenant> readable = readableTenants(caller);
    TenantId shown =
        readable.stream()
            .map(Tenant::id)
            .filter(id -> id.value().equals(tenant))
            .findFirst()
            .orElse(caller.tenant());
    model.addAttribute("caller", caller);
    model.addAttribute("tenants", readable);
    model.addAttribute("shown", shown);
    model.addAttribute("page", audit.page(shown, after, PAGE_SIZE));
    return "console/audit";
  }

  /** htmx: walks the whole chain; the page shows a progress indicator meanwhile. */
  @PostMapping("/verification")
  String verify(Model model) {
    model.addAttribute("verification", audit.verify());
    return "console/audit :: verification";
  }

  private List<Tenant> readableTenants(Caller caller) {
    if (AuditReaders.readsEveryTenant(caller)) {
      return tenants.list();
    }
    return tenants.find(caller.tenant()).stream().toList();
  }
}
