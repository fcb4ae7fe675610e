package ai.stratum.gateway.console;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.core.web.NotFoundException;
import ai.stratum.core.web.StratumException;
import ai.stratum.gateway.identity.Callers;
import ai.stratum.gateway.identity.Role;
import ai.stratum.gateway.security.ApiKeys;
import ai.stratum.gateway.security.IssuedApiKey;
import ai.stratum.gateway.tenancy.Tenant;
import ai.stratum.gateway.tenancy.Tenants;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Tenants and their API keys (role ADMIN). */
@Controller
@RequestMapping("/console/tenants")
class TenantPages {

  /** Roles an API key can carry: machine clients neither administer nor hold the admin role. */
  static final Set<Role> KEY_ROLES = EnumSet.of(Role.CLINICIAN, Role.ANALYST, Role.AUDITOR);

  private final Tenants tenants;
  private final ApiKeys apiKeys;

  TenantPages(Tenants tenants, ApiKeys apiKeys) {
    this.tenants = tenants;
    this.apiKeys = apiKeys;
  }

  @GetMapping
  String list(Model model) {
    model.addAttribute("caller", Callers.require());
    model.addAttribute("tenants", tenants.list());
    return "console/tenants";
  }

  @PostMapping
  String create(@RequestParam String id, @RequestParam String name, RedirectAttributes redirect) {
    try {
      Tenant tenant = tenants.create(TenantId.of(id.strip()), name.strip(), actor());
      redirect.addFlashAttribute("message", "Tenant " + tenant.id() + " created.");
    } catch (StratumException | IllegalArgumentException refused) {
      redirect.addFlashAttribute("error", refused.getMessage());
    }
    return "redirect:/console/tenants";
  }

  @GetMapping("/{id}")
  String tenant(@PathVariable String id, Model model) {
    Tenant tenant = tenants.require(tenantId(id));
    model.addAttribute("caller", Callers.require());
    model.addAttribute("tenant", tenant);
    model.addAttribute("keys", apiKeys.list(tenant.id()));
    model.addAttribute("keyRoles", KEY_ROLES);
    return "console/tenant";
  }

  /** htmx: issues a key and answers with the key list and the token, shown this once. */
  @PostMapping("/{id}/api-keys")
  String createKey(
      @PathVariable String id,
      @RequestParam String name,
      @RequestParam(name = "roles", required = false) List<Role> roles,
      Model model) {
    TenantId tenant = tenantId(id);
    try {
      Set<Role> chosen = roles == null ? Set.of() : EnumSet.copyOf(roles);
      if (!KEY_ROLES.containsAll(chosen)) {
        throw new IllegalArgumentException("API keys carry only " + KEY_ROLES + ".");
      }
      IssuedApiKey issued = apiKeys.create(tenant, name, chosen, actor());
      model.addAttribute("issued", issued);
    } catch (StratumException | IllegalArgumentException refused) {
      model.addAttribute("error", refused.getMessage());
    }
    return keyList(tenant, model);
  }

  /** htmx: revokes a key and answers with the key list. */
  @PostMapping("/{id}/api-keys/{keyId}/revoke")
  String revokeKey(@PathVariable String id, @PathVariable String keyId, Model model) {
    TenantId tenant = tenantId(id);
    apiKeys.revoke(tenant, keyId, actor());
    return keyList(tenant, model);
  }

  private String keyList(TenantId tenant, Model model) {
    model.addAttribute("tenant", tenants.require(tenant));
    model.addAttribute("keys", apiKeys.list(tenant));
    return "console/tenant :: keys";
  }

  private static TenantId tenantId(String id) {
    try {
      return TenantId.of(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("tenant", id);
    }
  }

  private static String actor() {
    return Callers.require().subject();
  }
}
