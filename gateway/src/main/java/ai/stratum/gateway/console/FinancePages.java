package ai.stratum.gateway.console;

import ai.stratum.core.json.StratumJson;
import ai.stratum.core.web.StratumException;
import ai.stratum.gateway.identity.Caller;
import ai.stratum.gateway.identity.Callers;
import ai.stratum.gateway.routing.Route;
import ai.stratum.gateway.routing.UpstreamClient;
import ai.stratum.gateway.routing.UpstreamClient.Answer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.JsonNode;

/**
 * The bank's live view of its scoring (role ANALYST), refreshed by htmx: throughput over the last
 * minute (drawn by finance.js with Chart.js), latency percentiles, alert rate, outcome counts,
 * recent declines with reason codes and the dead-letter topic from finance's {@code
 * /api/finance/live}; the current review and decline thresholds; the newest open cases.
 */
@Controller
@RequestMapping("/console/finance")
class FinancePages {

  private static final int CASES = 50;
  private static final int WINDOW_SECONDS = 60;

  /** Outcomes in the order the page lists them, whether or not the window saw each. */
  private static final List<String> OUTCOMES = List.of("APPROVE", "REVIEW", "DECLINE");

  record Thresholds(double review, double decline) {}

  record CaseRow(
      String transactionId,
      String decidedAt,
      String outcome,
      double score,
      String modelVersion,
      List<String> reasons) {}

  record DeclineRow(String transactionId, double score, String decidedAt, List<String> reasons) {}

  record DeadLetterRow(String at, String reason, String topic, int partition, long offset) {}

  /**
   * What finance reports for the window; latency percentiles are null when there were no decisions.
   */
  record Live(
      int windowSeconds,
      double decisionsPerSecond,
      @Nullable Double p50,
      @Nullable Double p99,
      @Nullable Double p999,
      double alertRate,
      Map<String, Long> outcomes,
      List<DeclineRow> recentDeclines,
      long deadLettersInWindow,
      long deadLettersTotal,
      List<DeadLetterRow> recentDeadLetters,
      String chart) {}

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
    model.addAttribute("live", live(caller, model));
    model.addAttribute("thresholds", thresholds(caller, model));
    model.addAttribute("cases", cases(caller, model));
    return "console/finance :: live";
  }

  private @Nullable Live live(Caller caller, Model model) {
    JsonNode json = read(caller, "/api/finance/live?seconds=" + WINDOW_SECONDS, model);
    if (json == null) {
      return null;
    }
    JsonNode latency = json.path("latencyMs");
    Map<String, Long> outcomes = new LinkedHashMap<>();
    OUTCOMES.forEach(
        outcome -> outcomes.put(outcome, json.path("outcomes").path(outcome).asLong()));
    json.path("outcomes")
        .properties()
        .forEach(entry -> outcomes.putIfAbsent(entry.getKey(), entry.getValue().asLong()));
    List<DeclineRow> declines = new ArrayList<>();
    json.path("recentDeclines")
        .forEach(decline ->
            declines.add(
                new DeclineRow(
                    decline.path("transactionId").asString(""),
                    decline.path("score").asDouble(),
                    decline.path("decidedAt").asString(""),
                    reasons(decline.path("reasons")))));
    JsonNode deadLetters = json.path("deadLetters");
    List<DeadLetterRow> letters = new ArrayList<>();
    deadLetters
        .path("recent")
        .forEach(letter ->
            letters.add(
                new DeadLetterRow(
                    letter.path("at").asString(""),
                    letter.path("reason").asString(""),
                    letter.path("topic").asString(""),
                    letter.path("partition").asInt(),
                    letter.path("offset").asLong())));
    return new Live(
        json.path("windowSeconds").asInt(WINDOW_SECONDS),
        json.path("decisionsPerSecond").asDouble(),
        number(latency.path("p50")),
        number(latency.path("p99")),
        number(latency.path("p999")),
        json.path("alertRate").asDouble(),
        outcomes,
        declines,
        deadLetters.path("inWindow").asLong(),
        deadLetters.path("total").asLong(),
        letters,
        chart(json.path("series")));
  }

  /** The throughput series for finance.js: bucket times and decisions and alerts per bucket. */
  private static String chart(JsonNode series) {
    List<String> at = new ArrayList<>();
    List<Long> decisions = new ArrayList<>();
    List<Long> alerts = new ArrayList<>();
    series.forEach(point -> {
      at.add(point.path("at").asString(""));
      decisions.add(point.path("decisions").asLong());
      alerts.add(point.path("alerts").asLong());
    });
    return StratumJson.mapper()
        .writeValueAsString(Map.of("at", at, "decisions", decisions, "alerts", alerts));
  }

  private static @Nullable Double number(JsonNode value) {
    return value.isNumber() ? value.asDouble() : null;
  }

  private static List<String> reasons(JsonNode reasons) {
    List<String> texts = new ArrayList<>();
    reasons.forEach(reason ->
        texts.add(
            reason.path("code").asString("") + " (" + reason.path("feature").asString("") + ")"));
    return texts;
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
        rows.add(
            new CaseRow(
                decision.path("transactionId").asString(""),
                decision.path("decidedAt").asString(""),
                decision.path("decision").asString(""),
                decision.path("score").asDouble(),
                decision.path("modelVersion").asString(""),
                reasons(decision.path("reasons"))));
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
