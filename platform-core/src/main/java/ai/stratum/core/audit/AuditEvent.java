package ai.stratum.core.audit;

import ai.stratum.core.json.StratumJson;
import ai.stratum.core.tenancy.TenantId;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Something to record: who ({@code actor}, e.g. a user or service id) did what ({@code action},
 * e.g. {@code model.promoted}) to which {@code target} (e.g. {@code model:fraud-gbdt:7}) for which
 * tenant, with free-form details as a JSON object. Keep personal data out of the details: the log
 * cannot be edited later.
 */
public record AuditEvent(
    TenantId tenant, String actor, String action, String target, JsonNode details) {

  public AuditEvent {
    Objects.requireNonNull(tenant, "tenant");
    requireText(actor, "actor");
    requireText(action, "action");
    requireText(target, "target");
    Objects.requireNonNull(details, "details");
    if (!details.isObject()) {
      throw new IllegalArgumentException("audit details must be a JSON object, got " + details);
    }
    details = details.deepCopy();
  }

  public static AuditEvent of(TenantId tenant, String actor, String action, String target) {
    return new AuditEvent(tenant, actor, action, target, StratumJson.mapper().createObjectNode());
  }

  /** Details from a map (values of any type the Stratum JSON mapper can write). */
  public static AuditEvent of(
      TenantId tenant, String actor, String action, String target, Map<String, ?> details) {
    return new AuditEvent(tenant, actor, action, target, StratumJson.mapper().valueToTree(details));
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
