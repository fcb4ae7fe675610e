package ai.stratum.finance.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One driver of a score: a reason code for people, the feature it comes from, the feature's value
 * and its contribution to the score (in log-odds; positive raises the risk).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reason(String code, String feature, @Nullable Double value, double contribution) {}
