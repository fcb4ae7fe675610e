package ai.stratum.gateway.security;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.core.web.NotFoundException;
import ai.stratum.gateway.identity.Callers;
import ai.stratum.gateway.identity.Role;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's API keys over HTTP (role ADMIN). The token is in the creation response only. */
@RestController
@RequestMapping("/api/gateway/tenants/{tenant}/api-keys")
class ApiKeyController {

  record NewApiKey(@NotBlank @Size(max = 200) String name, @NotEmpty Set<Role> roles) {}

  private final ApiKeys apiKeys;

  ApiKeyController(ApiKeys apiKeys) {
    this.apiKeys = apiKeys;
  }

  @GetMapping
  List<ApiKey> list(@PathVariable String tenant) {
    return apiKeys.list(tenant(tenant));
  }

  @PostMapping
  ResponseEntity<IssuedApiKey> create(
      @PathVariable String tenant, @Validated @RequestBody NewApiKey request) {
    IssuedApiKey issued =
        apiKeys.create(
            tenant(tenant), request.name(), request.roles(), Callers.require().subject());
    return ResponseEntity.created(
            URI.create("/api/gateway/tenants/" + tenant + "/api-keys/" + issued.key().id()))
        .body(issued);
  }

  @DeleteMapping("/{keyId}")
  ApiKey revoke(@PathVariable String tenant, @PathVariable String keyId) {
    return apiKeys.revoke(tenant(tenant), keyId, Callers.require().subject());
  }

  private static TenantId tenant(String id) {
    try {
      return TenantId.of(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("tenant", id);
    }
  }
}
