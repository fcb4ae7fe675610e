package ai.stratum.gateway.security;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.core.web.InvalidRequestException;
import ai.stratum.core.web.NotFoundException;
import ai.stratum.gateway.identity.Callers;
import ai.stratum.gateway.identity.Role;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Console users over HTTP (role ADMIN). */
@RestController
@RequestMapping("/api/gateway/users")
class UserController {

  record NewUser(
      @NotBlank String username,
      @NotBlank String tenant,
      @NotEmpty Set<Role> roles,
      @NotBlank String password) {}

  record RoleChange(@NotEmpty Set<Role> roles) {}

  record EnabledChange(@NotNull Boolean enabled) {}

  private final ConsoleUsers users;

  UserController(ConsoleUsers users) {
    this.users = users;
  }

  @GetMapping
  List<ConsoleUser> list() {
    return users.list();
  }

  @GetMapping("/{username}")
  ConsoleUser get(@PathVariable String username) {
    return users.find(username).orElseThrow(() -> new NotFoundException("user", username));
  }

  @PostMapping
  ResponseEntity<ConsoleUser> create(@Validated @RequestBody NewUser request) {
    TenantId tenant;
    try {
      tenant = TenantId.of(request.tenant());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
    ConsoleUser created =
        users.create(
            request.username(),
            tenant,
            request.roles(),
            request.password(),
            Callers.require().subject());
    return ResponseEntity.created(URI.create("/api/gateway/users/" + created.username()))
        .body(created);
  }

  @PutMapping("/{username}/roles")
  ConsoleUser changeRoles(
      @PathVariable String username, @Validated @RequestBody RoleChange request) {
    return users.changeRoles(username, request.roles(), Callers.require().subject());
  }

  @PutMapping("/{username}/enabled")
  ConsoleUser setEnabled(
      @PathVariable String username, @Validated @RequestBody EnabledChange request) {
    return users.setEnabled(username, request.enabled(), Callers.require().subject());
  }
}
