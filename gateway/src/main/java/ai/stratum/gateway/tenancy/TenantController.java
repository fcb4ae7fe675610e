package ai.stratum.gateway.tenancy;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.core.web.InvalidRequestException;
import ai.stratum.gateway.identity.Callers;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tenant administration over HTTP (role ADMIN, enforced by the security configuration). */
@RestController
@RequestMapping("/api/gateway/tenants")
class TenantController {

  record NewTenant(@NotBlank @Size(max = 63) String id, @NotBlank @Size(max = 200) String name) {}

  private final Tenants tenants;

  TenantController(Tenants tenants) {
    this.tenants = tenants;
  }

  @GetMapping
  List<Tenant> list() {
    return tenants.list();
  }

  @GetMapping("/{id}")
  Tenant get(@PathVariable String id) {
    return tenants.require(parse(id));
  }

  @PostMapping
  ResponseEntity<Tenant> create(@Validated @RequestBody NewTenant request) {
    Tenant created =
        tenants.create(parse(request.id()), request.name().strip(), Callers.require().subject());
    return ResponseEntity.created(URI.create("/api/gateway/tenants/" + created.id())).body(created);
  }

  static TenantId parse(String id) {
    try {
      return TenantId.of(id);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
  }
}
