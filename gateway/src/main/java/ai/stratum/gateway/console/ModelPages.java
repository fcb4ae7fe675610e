package ai.stratum.gateway.console;

import ai.stratum.core.json.StratumJson;
import ai.stratum.core.web.StratumException;
import ai.stratum.gateway.identity.Caller;
import ai.stratum.gateway.identity.Callers;
import ai.stratum.gateway.routing.Route;
import ai.stratum.gateway.routing.UpstreamClient;
import ai.stratum.gateway.routing.UpstreamClient.Answer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;

/**
 * Models and their versions from the model registry ({@code /api/models} on its service): stage,
 * lineage and metrics per version, a chart of each numeric metric over the versions, promotion and
 * roll-back (ADMIN; everyone else reads).
 */
@Controller
@RequestMapping("/console/models")
class ModelPages {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  record VersionRow(
      int version,
      String stage,
      String sha256,
      String framework,
      String createdBy,
      String createdAt,
      String parent,
      Map<String, String> metrics) {}

  /**
   * One model: its versions newest first, and the numeric metrics per version as JSON for the chart
   * ({@code {"versions":[1,2],"metrics":{"auc":[0.9,0.92]}}}).
   */
  record ModelRow(String name, List<VersionRow> versions, boolean hasProduction, String chart) {}

  private final UpstreamClient upstream;

  ModelPages(UpstreamClient upstream) {
    this.upstream = upstream;
  }

  @GetMapping
  String models(Model model) {
    Caller caller = Callers.require();
    model.addAttribute("caller", caller);
    List<ModelRow> models = List.of();
    try {
      Answer answer =
          upstream.get(Route.MODELS, "/api/models", caller.tenant(), "application/json");
      if (answer.isSuccess()) {
        models = rows(StratumJson.mapper().readTree(answer.body()));
      } else {
        model.addAttribute("error", "The model registry answered " + answer.status() + ".");
      }
    } catch (StratumException unavailable) {
      model.addAttribute("error", unavailable.getMessage());
    }
    model.addAttribute("models", models);
    return "console/models";
  }

  @PostMapping("/{name}/versions/{version}/promote")
  String promote(
      @PathVariable String name, @PathVariable int version, RedirectAttributes redirect) {
    return stageChange(
        name,
        "/api/models/" + name(name) + "/versions/" + version + "/promote",
        name + " version " + version + " promoted to production.",
        redirect);
  }

  @PostMapping("/{name}/rollback")
  String rollback(@PathVariable String name, RedirectAttributes redirect) {
    return stageChange(
        name,
        "/api/models/" + name(name) + "/rollback",
        name + " rolled back to its previous production version.",
        redirect);
  }

  private String stageChange(
      String name, String path, String success, RedirectAttributes redirect) {
    Caller caller = Callers.require();
    try {
      Answer answer =
          upstream.postJson(
              Route.MODELS,
              path,
              caller.tenant(),
              StratumJson.mapper().writeValueAsString(Map.of("changedBy", caller.subject())));
      if (answer.isSuccess()) {
        redirect.addFlashAttribute("message", success);
      } else {
        JsonNode problem = StratumJson.mapper().readTree(answer.body());
        redirect.addFlashAttribute(
            "error",
            name + ": " + problem.path("detail").asString("registry answered " + answer.status()));
      }
    } catch (StratumException unavailable) {
      redirect.addFlashAttribute("error", unavailable.getMessage());
    }
    return "redirect:/console/models";
  }

  private static List<ModelRow> rows(JsonNode versions) {
    Map<String, List<JsonNode>> byName = new LinkedHashMap<>();
    versions.forEach(version ->
        byName
            .computeIfAbsent(version.path("name").asString(""), n -> new ArrayList<>())
            .add(version));
    List<ModelRow> rows = new ArrayList<>();
    byName.forEach((name, list) -> {
      list.sort(Comparator.comparingInt(version -> version.path("version").asInt()));
      rows.add(
          new ModelRow(
              name,
              list.reversed().stream().map(ModelPages::versionRow).toList(),
              list.stream()
                  .anyMatch(v -> v.path("stage").asString("").equalsIgnoreCase("production")),
              chart(list)));
    });
    rows.sort(Comparator.comparing(ModelRow::name));
    return rows;
  }

  private static VersionRow versionRow(JsonNode version) {
    Map<String, String> metrics = new LinkedHashMap<>();
    version
        .path("metrics")
        .properties()
        .forEach(metric ->
            metrics.put(
                metric.getKey(),
                metric.getValue().isNumber()
                    ? "%.4g".formatted(metric.getValue().asDouble())
                    : metric.getValue().toString()));
    JsonNode parent = version.path("parent");
    return new VersionRow(
        version.path("version").asInt(),
        version.path("stage").asString("").toLowerCase(java.util.Locale.ROOT),
        version.path("sha256").asString(""),
        version.path("framework").asString(""),
        version.path("createdBy").asString(""),
        version.path("createdAt").asString(""),
        parent.isObject()
            ? parent.path("name").asString("") + " v" + parent.path("version").asInt()
            : "",
        metrics);
  }

  private static String chart(List<JsonNode> versionsOldestFirst) {
    TreeSet<String> numeric = new TreeSet<>();
    versionsOldestFirst.forEach(version ->
        version
            .path("metrics")
            .properties()
            .forEach(metric -> {
              if (metric.getValue().isNumber()) {
                numeric.add(metric.getKey());
              }
            }));
    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (String metric : numeric) {
      series.put(
          metric,
          versionsOldestFirst.stream()
              .map(version -> {
                JsonNode value = version.path("metrics").path(metric);
                return value.isNumber() ? value.asDouble() : null;
              })
              .toList());
    }
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put(
        "versions", versionsOldestFirst.stream().map(v -> v.path("version").asInt()).toList());
    chart.put("metrics", series);
    return StratumJson.mapper().writeValueAsString(chart);
  }

  private static String name(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new ai.stratum.core.web.InvalidRequestException("Not a model name: " + name);
    }
    return name;
  }
}
