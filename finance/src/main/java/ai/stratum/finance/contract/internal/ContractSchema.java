package ai.stratum.finance.contract.internal;

import ai.stratum.core.web.InvalidField;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One JSON schema from {@code contracts/} on the classpath, compiled once. Formats (date-time) are
 * asserted, not just annotated, because the contract relies on them. Thread-safe.
 */
public final class ContractSchema {

  public static final String TRANSACTION = "contracts/transaction.schema.json";
  public static final String DECISION = "contracts/decision.schema.json";

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

  private final Schema schema;

  private ContractSchema(String resource) {
    try (InputStream in = ContractSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("contract " + resource + " is missing from the classpath");
      }
      this.schema = REGISTRY.getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read contract " + resource, e);
    }
  }

  public static ContractSchema transaction() {
    return Holder.TRANSACTION_SCHEMA;
  }

  public static ContractSchema decision() {
    return Holder.DECISION_SCHEMA;
  }

  /** The violations of {@code instance}, empty when it satisfies the schema. */
  public List<InvalidField> validate(JsonNode instance) {
    List<Error> errors = schema.validate(instance);
    if (errors.isEmpty()) {
      return List.of();
    }
    List<InvalidField> fields = new ArrayList<>(errors.size());
    for (Error error : errors) {
      fields.add(new InvalidField(fieldOf(error), messageOf(error)));
    }
    return fields;
  }

  private static String fieldOf(Error error) {
    String location = error.getInstanceLocation().toString();
    String field = location.startsWith("$.") ? location.substring(2) : location;
    if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
      return error.getProperty();
    }
    return field.isEmpty() || "$".equals(field) ? "(record)" : field;
  }

  private static String messageOf(Error error) {
    // the library's message starts with the location; keep the rule, not the value
    String message = error.getMessage();
    int colon = message.indexOf(": ");
    return "violates '"
        + error.getKeyword()
        + "'"
        + (colon > 0 ? ": " + message.substring(colon + 2) : "");
  }

  private static final class Holder {
    private static final ContractSchema TRANSACTION_SCHEMA = new ContractSchema(TRANSACTION);
    private static final ContractSchema DECISION_SCHEMA = new ContractSchema(DECISION);
  }
}
