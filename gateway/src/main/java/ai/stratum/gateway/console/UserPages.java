package ai.stratum.gateway.console;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.core.web.StratumException;
import ai.stratum.gateway.identity.Callers;
import ai.stratum.gateway.identity.Role;
import ai.stratum.gateway.security.ConsoleUsers;
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

/** Console users and their roles (role ADMIN). */
@Controller
@RequestMapping("/console/users")
class UserPages {

  private final ConsoleUsers users;
  private final Tenants tenants;

  UserPages(ConsoleUsers users, Tenants tenants) {
    this.users = users;
    this.tenants = tenants;
  }

  @GetMapping
  String list(Model model) {
    model.addAttribute("caller", Callers.require());
    model.addAttribute("users", users.list());
    model.addAttribute("tenants", tenants.list());
    model.addAttribute("roles", Role.values());
    return "console/users";
  }

  @PostMapping
  String create(
      @RequestParam String username,
      @RequestParam String tenant,
      @RequestParam(name = "roles", required = false) List<Role> roles,
      @RequestParam String password,
      RedirectAttributes redirect) {
    try {
      users.create(username.strip(), TenantId.of(tenant), roleSet(roles), password, actor());
      redirect.addFlashAttribute("message", "User " + username.strip() + " created.");
    } catch (StratumException | IllegalArgumentException refused) {
      redirect.addFlashAttribute("error", refused.getMessage());
    }
    return "redirect:/console/users";
  }

  @PostMapping("/{username}/roles")
  String changeRoles(
      @PathVariable String username,
      @RequestParam(name = "roles", required = false) List<Role> roles,
      RedirectAttributes redirect) {
    try {
      users.changeRoles(username, roleSet(roles), actor());
      redirect.addFlashAttribute("message", "Roles of " + username + " changed.");
    } catch (StratumException refused) {
      redirect.addFlashAttribute("error", refused.getMessage());
    }
    return "redirect:/console/users";
  }

  @PostMapping("/{username}/enabled")
  String setEnabled(
      @PathVariable String username, @RequestParam boolean enabled, RedirectAttributes redirect) {
    users.setEnabled(username, enabled, actor());
    redirect.addFlashAttribute(
        "message", "User " + username + (enabled ? " enabled." : " disabled."));
    return "redirect:/console/users";
  }

  private static Set<Role> roleSet(List<Role> roles) {
    return roles == null || roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
  }

  private static String actor() {
    return Callers.require().subject();
  }
}
