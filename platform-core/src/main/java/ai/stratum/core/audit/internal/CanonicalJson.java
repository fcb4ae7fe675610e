package ai.stratum.core.audit.internal;

import ai.stratum.core.json.StratumJson;
import java.util.Comparator;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compact JSON with object keys sorted at every level, so equal details always hash the same
 * regardless of the order in which their keys were put.
 */
public final class CanonicalJson {

  private CanonicalJson() {}

  public static String write(JsonNode node) {
    return StratumJson.mapper().writeValueAsString(sorted(node));
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = StratumJson.mapper().createObjectNode();
      node.properties().stream()
          .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
          .forEach(property -> copy.set(property.getKey(), sorted(property.getValue())));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = StratumJson.mapper().createArrayNode();
      node.values().forEach(element -> copy.add(sorted(element)));
      return copy;
    }
    return node;
  }
}
