package ai.stratum.core.inference;

import ai.stratum.core.web.NotFoundException;
import java.util.Collection;
import java.util.TreeSet;

/** 404: a request names a model (or model version) that is not served here or not registered. */
public class UnknownModelException extends NotFoundException {

  public UnknownModelException(String detail) {
    super(detail);
  }

  public static UnknownModelException notServed(String name, Collection<String> served) {
    return new UnknownModelException(
        "No model '" + name + "' is served here; served models: " + new TreeSet<>(served) + ".");
  }
}
