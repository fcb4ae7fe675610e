package ai.stratum.gateway;

import ai.stratum.core.tenancy.TenantId;
import com.sun.net.httpserver.HttpExchange;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the console's pages read, served over real HTTP by {@link TenantScopedUpstream}: DICOMweb
 * shaped like medical's (QIDO-RS DICOM JSON per tenant, WADO-RS rendered PNG slices honouring
 * {@code window=center,width}, WADO-RS series metadata with slice geometry), medical's nodule
 * reports and finding feedback, a model registry shaped like platform-core's {@code /api/models},
 * and the finance thresholds and open cases.
 */
final class ConsoleBackends {

  /**
   * A CT series of one study: level {@code k} shows a disc of soft tissue of radius 4 + k. Levels
   * are 64 x 64 pixels of {@value #PIXEL_MM} mm, axial, {@value #SLICE_MM} mm apart going down from
   * z = 0, with the first pixel's centre at x = y = {@value #ORIGIN_MM}. A series of slices has one
   * instance per level, the {@code k}th instance (instance number k + 1) at level k, and no {@code
   * frameLevels}; an Enhanced CT has one instance whose frame f (from 1) is at level {@code
   * frameLevels[f - 1]}.
   */
  record Series(String study, String series, List<String> instances, List<Integer> frameLevels) {

    /** The Enhanced CT's frame number at a level. */
    int frameAt(int level) {
      return frameLevels.indexOf(level) + 1;
    }
  }

  /** A nodule finding of a series' report, as medical's report JSON has it. */
  record Finding(String id, double x, double y, double z, double diameterMm) {}

  /** A verdict the console sent for a finding. */
  record Feedback(String tenant, String findingId, String verdict, String clinician) {}

  static final double PIXEL_MM = 0.7;
  static final double SLICE_MM = 1.25;
  static final double ORIGIN_MM = -22.4;

  /** A rendered slice the console asked for: an instance, or one frame (from 1) of it. */
  record RenderRequest(String tenant, String instance, @Nullable Integer frame, String window) {}

  private static final Pattern RENDERED =
      Pattern.compile(
          "/dicomweb/studies/([^/]+)/series/([^/]+)/instances/([^/]+)(?:/frames/([0-9]+))?"
              + "/rendered");
  private static final Pattern METADATA =
      Pattern.compile("/dicomweb/studies/([^/]+)/series/([^/]+)/metadata");
  private static final Pattern REPORT = Pattern.compile("/api/medical/studies/([^/]+)/report");
  private static final Pattern FEEDBACK = Pattern.compile("/api/medical/findings/([^/]+)/feedback");
  private static final Pattern SERIES = Pattern.compile("/dicomweb/studies/([^/]+)/series");
  private static final Pattern PROMOTE =
      Pattern.compile("/api/models/([^/]+)/versions/([0-9]+)/promote");
  private static final Pattern ROLLBACK = Pattern.compile("/api/models/([^/]+)/rollback");

  private final JsonMapper json = JsonMapper.builder().build();
  private final Map<String, List<Series>> studies = new ConcurrentHashMap<>();
  private final List<RenderRequest> renders = new CopyOnWriteArrayList<>();
  private final Map<String, List<Map<String, Object>>> models = new ConcurrentHashMap<>();
  private final List<String> stageChanges = new CopyOnWriteArrayList<>();
  private final Map<String, List<Map<String, Object>>> cases = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Object>> reports = new ConcurrentHashMap<>();
  private final Map<String, List<Map<String, Object>>> decisions = new ConcurrentHashMap<>();
  private final Map<String, List<Map<String, Object>>> deadLetters = new ConcurrentHashMap<>();
  private final List<Feedback> feedback = new CopyOnWriteArrayList<>();

  Series publish(TenantId tenant, int slices) {
    List<String> instances = new ArrayList<>();
    for (int i = 0; i < slices; i++) {
      instances.add(uid());
    }
    Series series = new Series(uid(), uid(), List.copyOf(instances), List.of());
    studies.computeIfAbsent(tenant.value(), t -> new CopyOnWriteArrayList<>()).add(series);
    return series;
  }

  /**
   * An Enhanced CT (one instance) of {@code frames} levels, its frames in shuffled order as a
   * sender may store them: orientation and pixel measures in the shared functional groups, each
   * frame's position in its per-frame item.
   */
  Series publishEnhanced(TenantId tenant, int frames) {
    List<Integer> levels = new ArrayList<>();
    for (int level = 0; level < frames; level++) {
      levels.add(level);
    }
    Collections.shuffle(levels);
    Series series = new Series(uid(), uid(), List.of(uid()), List.copyOf(levels));
    studies.computeIfAbsent(tenant.value(), t -> new CopyOnWriteArrayList<>()).add(series);
    return series;
  }

  /**
   * Reports a nodule on the series, centred on a level at a pixel (column, row), as medical would
   * after analysing it; returns the finding.
   */
  Finding reportFinding(
      TenantId tenant, Series series, int level, int column, int row, double diameterMm) {
    Finding finding =
        new Finding(
            java.util.UUID.randomUUID().toString(),
            ORIGIN_MM + column * PIXEL_MM,
            ORIGIN_MM + row * PIXEL_MM,
            -level * SLICE_MM,
            diameterMm);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", finding.id());
    json.put("trackingUid", uid());
    json.put("x", finding.x());
    json.put("y", finding.y());
    json.put("z", finding.z());
    json.put("diameterMm", diameterMm);
    json.put("volumeMm3", Math.PI / 6 * Math.pow(diameterMm, 3));
    json.put("attenuation", "SOLID");
    json.put("probability", 0.93);
    json.put("uncertainty", 0.02);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("studyInstanceUid", series.study());
    report.put("seriesInstanceUid", series.series());
    report.put("status", "analysed");
    report.put("reason", null);
    report.put("srSeriesInstanceUid", uid());
    report.put("srSopInstanceUid", uid());
    report.put("analysedAt", "2026-11-26T10:00:00Z");
    report.put("findings", List.of(json));
    reports.put(
        tenant.value() + " " + series.study(),
        Map.of("studyInstanceUid", series.study(), "reports", List.of(report)));
    return finding;
  }

  List<Feedback> feedback() {
    return List.copyOf(feedback);
  }

  /** medical's report and feedback API, scoped by the tenant header. */
  void handleMedical(HttpExchange exchange) throws IOException {
    try (exchange) {
      String tenant = exchange.getRequestHeaders().getFirst(TenantScopedUpstream.TENANT_HEADER);
      String path = exchange.getRequestURI().getPath();
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Matcher matcher;
      if ((matcher = REPORT.matcher(path)).matches()
          && reports.containsKey(tenant + " " + matcher.group(1))) {
        sendJson(exchange, reports.get(tenant + " " + matcher.group(1)));
      } else if ((matcher = FEEDBACK.matcher(path)).matches()
          && exchange.getRequestMethod().equals("POST")
          && reported(tenant, matcher.group(1))) {
        JsonNode verdict = json.readTree(body);
        feedback.add(
            new Feedback(
                tenant,
                matcher.group(1),
                verdict.path("verdict").asString(""),
                verdict.path("clinician").asString("")));
        send(exchange, 201, "application/json", body);
      } else {
        send(exchange, 404, "application/problem+json", "{\"status\":404}".getBytes());
      }
    }
  }

  private boolean reported(String tenant, String findingId) {
    return reports.entrySet().stream()
        .filter(entry -> entry.getKey().startsWith(tenant + " "))
        .anyMatch(entry -> json.writeValueAsString(entry.getValue()).contains(findingId));
  }

  List<RenderRequest> renders() {
    return List.copyOf(renders);
  }

  /** Registers versions 1..n of a model (version 1 in production) with an AUC per version. */
  void registerModel(String name, double... aucs) {
    List<Map<String, Object>> versions = new CopyOnWriteArrayList<>();
    for (int i = 0; i < aucs.length; i++) {
      Map<String, Object> version = new LinkedHashMap<>();
      version.put("name", name);
      version.put("version", i + 1);
      version.put("stage", i == 0 ? "PRODUCTION" : "STAGING");
      version.put("sha256", "%064x".formatted(i + 1));
      version.put("framework", "PYTORCH");
      version.put("metrics", Map.of("auc", aucs[i], "recall", aucs[i] - 0.1));
      version.put("createdBy", "learning");
      version.put("createdAt", "2026-11-0" + (i + 1) + "T10:00:00Z");
      version.put("parent", i == 0 ? null : Map.of("name", name, "version", i));
      versions.add(version);
    }
    models.put(name, versions);
  }

  Optional<String> stage(String model, int version) {
    return models.get(model).stream()
        .filter(v -> v.get("version").equals(version))
        .map(v -> (String) v.get("stage"))
        .findFirst();
  }

  List<String> stageChanges() {
    return List.copyOf(stageChanges);
  }

  /** An open case (a declined transaction) of the tenant, newest first in the finance API. */
  void openCase(TenantId tenant, String transactionId, double score, String reasonCode) {
    Map<String, Object> decision = new LinkedHashMap<>();
    decision.put("transactionId", transactionId);
    decision.put("tenantId", tenant.value());
    decision.put("score", score);
    decision.put("decision", "DECLINE");
    decision.put("threshold", 0.9);
    decision.put("modelVersion", "finance-risk:3");
    decision.put(
        "reasons",
        List.of(
            Map.of("code", reasonCode, "feature", "card_amount_zscore_1h", "contribution", 0.4)));
    decision.put("features", 212);
    decision.put("receivedAt", "2026-11-26T10:00:00Z");
    decision.put("decidedAt", "2026-11-26T10:00:00.004Z");
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("decision", decision);
    item.put("label", null);
    cases.computeIfAbsent(tenant.value(), t -> new CopyOnWriteArrayList<>()).addFirst(item);
  }

  /** A decision of the tenant's scoring, as finance's live view counts it. */
  void decide(
      TenantId tenant,
      String transactionId,
      String outcome,
      double score,
      double latencyMs,
      String reasonCode) {
    Map<String, Object> decision = new LinkedHashMap<>();
    decision.put("transactionId", transactionId);
    decision.put("outcome", outcome);
    decision.put("score", score);
    decision.put("latencyMs", latencyMs);
    decision.put("decidedAt", java.time.Instant.now().toString());
    decision.put(
        "reasons",
        List.of(
            Map.of("code", reasonCode, "feature", "card_amount_zscore_1h", "contribution", 0.8)));
    decisions.computeIfAbsent(tenant.value(), t -> new CopyOnWriteArrayList<>()).add(decision);
  }

  /** A transaction of the tenant that finance sent to the dead-letter topic. */
  void deadLetter(TenantId tenant, String reason, long offset) {
    Map<String, Object> letter = new LinkedHashMap<>();
    letter.put("at", java.time.Instant.now().toString());
    letter.put("reason", reason);
    letter.put("topic", "finance.transactions");
    letter.put("partition", 0);
    letter.put("offset", offset);
    deadLetters.computeIfAbsent(tenant.value(), t -> new CopyOnWriteArrayList<>()).addFirst(letter);
  }

  /**
   * The contract of finance's {@code GET /api/finance/live}: figures over what was recorded for the
   * tenant, every decision in one series point.
   */
  private Map<String, Object> live(String tenant) {
    List<Map<String, Object>> own = decisions.getOrDefault(tenant, List.of());
    List<Double> latencies = own.stream().map(d -> (Double) d.get("latencyMs")).sorted().toList();
    Map<String, Long> outcomes = new LinkedHashMap<>();
    own.forEach(d -> outcomes.merge((String) d.get("outcome"), 1L, Long::sum));
    long alerts = own.stream().filter(d -> !d.get("outcome").equals("APPROVE")).count();
    Map<String, Object> latency = new LinkedHashMap<>();
    latency.put("p50", percentile(latencies, 0.5));
    latency.put("p99", percentile(latencies, 0.99));
    latency.put("p999", percentile(latencies, 0.999));
    Map<String, Object> live = new LinkedHashMap<>();
    live.put("tenant", tenant);
    live.put("windowSeconds", 60);
    live.put("decisionsPerSecond", own.size() / 60.0);
    live.put(
        "series",
        own.isEmpty()
            ? List.of()
            : List.of(
                Map.of(
                    "at",
                    own.getLast().get("decidedAt"),
                    "decisions",
                    own.size(),
                    "alerts",
                    alerts)));
    live.put("latencyMs", latency);
    live.put("alertRate", own.isEmpty() ? 0.0 : (double) alerts / own.size());
    live.put("outcomes", outcomes);
    live.put(
        "recentDeclines",
        own.reversed().stream()
            .filter(d -> d.get("outcome").equals("DECLINE"))
            .map(d ->
                Map.of(
                    "transactionId", d.get("transactionId"),
                    "score", d.get("score"),
                    "decidedAt", d.get("decidedAt"),
                    "reasons", d.get("reasons")))
            .toList());
    List<Map<String, Object>> letters = deadLetters.getOrDefault(tenant, List.of());
    live.put(
        "deadLetters",
        Map.of("inWindow", letters.size(), "total", letters.size(), "recent", letters));
    return live;
  }

  private static Double percentile(List<Double> sorted, double quantile) {
    return sorted.isEmpty()
        ? null
        : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
  }

  void handleFinance(HttpExchange exchange) throws IOException {
    try (exchange) {
      String tenant = exchange.getRequestHeaders().getFirst(TenantScopedUpstream.TENANT_HEADER);
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/api/finance/thresholds")) {
        sendJson(exchange, Map.of("review", 0.55, "decline", 0.9));
      } else if (path.equals("/api/finance/live") && tenant != null) {
        sendJson(exchange, live(tenant));
      } else if (path.equals("/api/finance/cases")) {
        sendJson(exchange, tenant == null ? List.of() : cases.getOrDefault(tenant, List.of()));
      } else {
        send(exchange, 404, "application/problem+json", "{\"status\":404}".getBytes());
      }
    }
  }

  void handleDicomWeb(HttpExchange exchange) throws IOException {
    try (exchange) {
      String tenant = exchange.getRequestHeaders().getFirst(TenantScopedUpstream.TENANT_HEADER);
      String path = exchange.getRequestURI().getPath();
      List<Series> own = tenant == null ? List.of() : studies.getOrDefault(tenant, List.of());
      Matcher matcher;
      if ((matcher = RENDERED.matcher(path)).matches()) {
        String instance = matcher.group(3);
        Integer frame = matcher.group(4) == null ? null : Integer.valueOf(matcher.group(4));
        Optional<Integer> level =
            own.stream()
                .filter(s -> s.instances().contains(instance))
                .findFirst()
                .flatMap(s -> levelOf(s, instance, frame));
        if (level.isEmpty()) {
          send(exchange, 404, "application/problem+json", "{\"status\":404}".getBytes());
          return;
        }
        String window = windowOf(exchange.getRequestURI().getQuery());
        renders.add(new RenderRequest(tenant, instance, frame, window));
        send(exchange, 200, "image/png", png(level.get(), window));
      } else if ((matcher = METADATA.matcher(path)).matches()) {
        String seriesUid = matcher.group(2);
        List<Map<String, Object>> items = new ArrayList<>();
        own.stream()
            .filter(s -> s.series().equals(seriesUid) && !s.frameLevels().isEmpty())
            .forEach(s -> items.add(enhancedCtMetadata(s)));
        own.stream()
            .filter(s -> s.series().equals(seriesUid) && s.frameLevels().isEmpty())
            .forEach(s -> {
              for (int i = 0; i < s.instances().size(); i++) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("00080018", attribute("UI", s.instances().get(i)));
                item.put("00200013", attribute("IS", i + 1));
                item.put(
                    "00200032",
                    Map.of("vr", "DS", "Value", List.of(ORIGIN_MM, ORIGIN_MM, -i * SLICE_MM)));
                item.put("00200037", Map.of("vr", "DS", "Value", List.of(1, 0, 0, 0, 1, 0)));
                item.put("00280030", Map.of("vr", "DS", "Value", List.of(PIXEL_MM, PIXEL_MM)));
                item.put("00280010", attribute("US", 64));
                item.put("00280011", attribute("US", 64));
                items.add(item);
              }
            });
        // the store promises no order; the viewer sorts by instance number
        Collections.shuffle(items);
        sendJson(exchange, items);
      } else if ((matcher = SERIES.matcher(path)).matches()) {
        String studyUid = matcher.group(1);
        sendJson(
            exchange,
            own.stream()
                .filter(s -> s.study().equals(studyUid))
                .map(s ->
                    Map.of(
                        "0020000E", attribute("UI", s.series()),
                        "00080060", attribute("CS", "CT"),
                        "00200011", attribute("IS", 1),
                        "0008103E", attribute("LO", "Axial 1.25 mm"),
                        "00201209", attribute("IS", s.instances().size())))
                .toList());
      } else if (path.equals("/dicomweb/studies")) {
        sendJson(
            exchange,
            own.stream()
                .map(s ->
                    Map.of(
                        "0020000D", attribute("UI", s.study()),
                        "00100020", attribute("LO", "PHANTOM-1"),
                        "00100010",
                            Map.of(
                                "vr",
                                "PN",
                                "Value",
                                List.of(Map.of("Alphabetic", "Phantom^Chest"))),
                        "00080020", attribute("DA", "20261126"),
                        "00081030", attribute("LO", "CT chest"),
                        "00080061", attribute("CS", "CT"),
                        "00201208", attribute("IS", s.instances().size())))
                .toList());
      } else {
        send(exchange, 404, "application/problem+json", "{\"status\":404}".getBytes());
      }
    }
  }

  void handleModels(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Matcher matcher;
      if (exchange.getRequestMethod().equals("GET") && path.equals("/api/models")) {
        sendJson(exchange, models.values().stream().flatMap(List::stream).toList());
      } else if ((matcher = PROMOTE.matcher(path)).matches()) {
        String model = matcher.group(1);
        int version = Integer.parseInt(matcher.group(2));
        stageChanges.add("promote " + model + " v" + version + " by " + changedBy(body));
        models
            .get(model)
            .forEach(v -> {
              if (v.get("version").equals(version)) {
                v.put("stage", "PRODUCTION");
              } else if (v.get("stage").equals("PRODUCTION")) {
                v.put("stage", "ARCHIVED");
              }
            });
        sendJson(exchange, Map.of("name", model, "version", version, "stage", "PRODUCTION"));
      } else if ((matcher = ROLLBACK.matcher(path)).matches()) {
        String model = matcher.group(1);
        stageChanges.add("rollback " + model + " by " + changedBy(body));
        List<Map<String, Object>> versions = models.get(model);
        Map<String, Object> current =
            versions.stream()
                .filter(v -> v.get("stage").equals("PRODUCTION"))
                .findFirst()
                .orElseThrow();
        Map<String, Object> previous =
            versions.stream()
                .filter(v -> v.get("stage").equals("ARCHIVED"))
                .max((a, b) -> Integer.compare((int) a.get("version"), (int) b.get("version")))
                .orElseThrow();
        current.put("stage", "ARCHIVED");
        previous.put("stage", "PRODUCTION");
        sendJson(exchange, previous);
      } else if (exchange.getRequestMethod().equals("GET")) {
        sendJson(exchange, List.of());
      } else {
        send(exchange, 404, "application/problem+json", "{\"status\":404}".getBytes());
      }
    }
  }

  /**
   * The level a rendering shows: a slice's, or a frame's of the Enhanced CT (frame 1 is the whole
   * of a single-frame instance, as in medical); empty for frames the instance does not have.
   */
  private static Optional<Integer> levelOf(
      Series series, String instance, @Nullable Integer frame) {
    if (series.frameLevels().isEmpty()) {
      return frame == null || frame == 1
          ? Optional.of(series.instances().indexOf(instance))
          : Optional.empty();
    }
    int number = frame == null ? 1 : frame;
    return number <= series.frameLevels().size()
        ? Optional.of(series.frameLevels().get(number - 1))
        : Optional.empty();
  }

  /**
   * WADO-RS metadata of an Enhanced CT shaped like medical's: no top-level position, orientation or
   * pixel spacing; those in the functional groups (PS3.3 C.7.6.16).
   */
  private static Map<String, Object> enhancedCtMetadata(Series series) {
    List<Map<String, Object>> perFrame = new ArrayList<>();
    for (int level : series.frameLevels()) {
      perFrame.add(
          Map.of(
              "00209111",
              sequence(Map.of("00209057", attribute("UL", 1))),
              "00209113",
              sequence(
                  Map.of(
                      "00200032",
                      Map.of(
                          "vr",
                          "DS",
                          "Value",
                          List.of(ORIGIN_MM, ORIGIN_MM, -level * SLICE_MM))))));
    }
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("00080016", attribute("UI", "1.2.840.10008.5.1.4.1.1.2.1"));
    item.put("00080018", attribute("UI", series.instances().getFirst()));
    item.put("00200013", attribute("IS", 1));
    item.put("00280008", attribute("IS", series.frameLevels().size()));
    item.put("00280010", attribute("US", 64));
    item.put("00280011", attribute("US", 64));
    item.put(
        "52009229",
        sequence(
            Map.of(
                "00209116",
                sequence(
                    Map.of("00200037", Map.of("vr", "DS", "Value", List.of(1, 0, 0, 0, 1, 0)))),
                "00289110",
                sequence(
                    Map.of(
                        "00280030", Map.of("vr", "DS", "Value", List.of(PIXEL_MM, PIXEL_MM)))))));
    item.put("52009230", Map.of("vr", "SQ", "Value", perFrame));
    return item;
  }

  private static Map<String, Object> sequence(Map<String, Object> item) {
    return Map.of("vr", "SQ", "Value", List.of(item));
  }

  private String changedBy(byte[] body) {
    JsonNode request = json.readTree(body);
    return request.path("changedBy").asString("");
  }

  private static String windowOf(String query) {
    if (query != null) {
      for (String parameter : query.split("&")) {
        if (parameter.startsWith("window=")) {
          return java.net.URLDecoder.decode(parameter.substring(7), StandardCharsets.UTF_8);
        }
      }
    }
    return "";
  }

  /**
   * Air (-1000 HU) with a disc of soft tissue (40 HU), through the window as DICOM's linear VOI.
   */
  private static byte[] png(int slice, String window) throws IOException {
    double center = 40;
    double width = 400;
    if (!window.isEmpty()) {
      String[] parts = window.split(",");
      center = Double.parseDouble(parts[0]);
      width = Double.parseDouble(parts[1]);
    }
    int size = 64;
    int radius = 4 + slice;
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int dx = x - size / 2;
        int dy = y - size / 2;
        double hu = dx * dx + dy * dy <= radius * radius ? 40 : -1000;
        double level = ((hu - (center - 0.5)) / (width - 1) + 0.5) * 255;
        int gray = (int) Math.max(0, Math.min(255, Math.round(level)));
        image.getRaster().setSample(x, y, 0, gray);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static Map<String, Object> attribute(String vr, Object value) {
    return Map.of("vr", vr, "Value", List.of(value));
  }

  private static String uid() {
    return "2.25." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong());
  }

  private void sendJson(HttpExchange exchange, Object value) throws IOException {
    send(exchange, 200, "application/dicom+json", json.writeValueAsBytes(value));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }
}
