package ai.stratum.core.events;

/**
 * Kafka header names copied from the envelope, so brokers-side tooling and consumers can route or
 * drop records by tenant and type without parsing the value. The JSON value stays authoritative.
 * Header values are UTF-8 text; the time is ISO-8601.
 */
public final class EventHeaders {

  public static final String ID = "stratum-event-id";
  public static final String TENANT = "stratum-tenant";
  public static final String TYPE = "stratum-event-type";
  public static final String TIME = "stratum-event-time";

  private EventHeaders() {}
}
