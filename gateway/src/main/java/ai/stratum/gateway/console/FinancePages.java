package ai.stratum.gateway.console;

import ai.stratum.core.json.StratumJson;
import ai.stratum.core.web.StratumException;
import ai.stratum.gateway.identity.Caller;
import ai.stratum.gateway.identity.Callers;
import ai.stratum.gateway.routing.Route;
import ai.stratum.gateway.routing.UpstreamClient;
import ai.stratum.gateway.routing.UpstreamClient.Answer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.JsonNode;

/**
 * The bank's view of its scoring (role ANALYST): the current review and decline thresholds and the
 * newest open cases (alerted decisions) with their reason codes, refreshed by htmx. Throughput,
 * latency percentiles, alert rate and the dead-letter topic wait for a finance API that reports
 * them.
 */
@Controller
@RequestMapping("/console/finance")
class FinancePages {

  private static final int CASES = 50;

  record Thresholds(double review, double decline) {}

  record CaseRow(
      String transactionId,
      String decidedAt,
      String outcome,
      double score,
      String modelVersion,
      List<String> reasons) {}

  private final UpstreamClient upstream;

  FinancePages(UpstreamClient upstream) {
    this.upstream = upstream;
  }

  @GetMapping
  String page(Model model) {
    model.addAttribute("caller", Callers.require());
    live(model);
    return "console/finance";
  }

  /** htmx: the part of the page that refreshes itself. */
  @GetMapping("/live")
  String live(Model model) {
    Caller caller = Callers.require();
    model.addAttribute("thresholds", thresholds(caller, model));
    model.addAttribute("cases", cases(caller, model));
    return "console/finance :: live";
  }

  private @Nullable Thresholds thresholds(Caller caller, Model model) {
    JsonNode json = read(caller, "/api/finance/thresholds", model);
    return json == null
        ? null
        : new Thresholds(json.path("review").asDouble(), json.path("decline").asDouble());
  }

  private List<CaseRow> cases(Caller caller, Model model) {
    JsonNode json = read(caller, "/api/finance/cases?status=OPEN&limit=" + CASES, model);
    List<CaseRow> rows = new ArrayList<>();
    if (json != null) {
      json.forEach(item -> {
        JsonNode decision = item.path("decision");
        List<String> reasons = new ArrayList<>();
        decision
            .path("reasons")
            .forEach(reason ->
                reasons.add(
                    reason.path("code").asString("")
                        + " ("
                        + reason.path("feature").asString("")
                        + ")"));
        rows.add(
            new CaseRow(
                decision.path("transactionId").asString(""),
                decision.path("decidedAt").asString(""),
                decision.path("decision").asString(""),
                decision.path("score").asDouble(),
                decision.path("modelVersion").asString(""),
                reasons));
      });
    }
    return rows;
  }

  private @Nullable JsonNode read(Caller caller, String pathAndQuery, Model model) {
    try {
      Answer answer =
          upstream.get(Route.FINANCE, pathAndQuery, caller.tenant(), "application/json");
      if (answer.isSuccess()) {
        return StratumJson.mapper().readTree(answer.body());
      }
      model.addAttribute("error", "finance answered " + answer.status() + ".");
    } catch (StratumException unavailable) {
      model.addAttribute("error", unavailable.getMessage());
    }
    return null;
  }
}
