package ai.stratum.gateway.console;

import ai.stratum.core.json.StratumJson;
import ai.stratum.core.web.InvalidRequestException;
import ai.stratum.core.web.StratumException;
import ai.stratum.gateway.identity.Caller;
import ai.stratum.gateway.identity.Callers;
import ai.stratum.gateway.routing.Route;
import ai.stratum.gateway.routing.UpstreamClient;
import ai.stratum.gateway.routing.UpstreamClient.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;

/**
 * The tenant's studies (role CLINICIAN) and a slice viewer for a series: QIDO-RS lists, WADO-RS
 * rendered slices with window/level, nodule findings drawn on the slices with confirm and reject,
 * all fetched from medical with the user's tenant.
 */
@Controller
@RequestMapping("/console/studies")
class StudyPages {

  private static final String DICOM_JSON = "application/dicom+json";
  private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
  private static final Pattern WINDOW = Pattern.compile("-?[0-9]+(\\.[0-9]+)?,[0-9]+(\\.[0-9]+)?");

  /** Window presets in Hounsfield units: centre and width. */
  record WindowPreset(String name, int center, int width) {}

  static final List<WindowPreset> PRESETS =
      List.of(
          new WindowPreset("Lung", -600, 1500),
          new WindowPreset("Mediastinum", 40, 400),
          new WindowPreset("Bone", 400, 1800));

  record StudyRow(
      String uid,
      String patientId,
      String patientName,
      String date,
      String description,
      String modalities,
      int instances) {}

  record SeriesRow(String uid, int number, String modality, String description, int instances) {}

  private final UpstreamClient upstream;

  StudyPages(UpstreamClient upstream) {
    this.upstream = upstream;
  }

  @GetMapping
  String studies(@RequestParam(required = false) @Nullable String patientId, Model model) {
    Caller caller = Callers.require();
    model.addAttribute("caller", caller);
    model.addAttribute("patientId", patientId == null ? "" : patientId);
    String query =
        "/dicomweb/studies?limit=200"
            + (patientId == null || patientId.isBlank()
                ? ""
                : "&PatientID=" + URLEncoder.encode(patientId.strip(), StandardCharsets.UTF_8));
    List<StudyRow> studies =
        dicomJson(query, model).stream()
            .map(item ->
                new StudyRow(
                    DicomJson.text(item, DicomJson.STUDY_UID),
                    DicomJson.text(item, DicomJson.PATIENT_ID),
                    DicomJson.text(item, DicomJson.PATIENT_NAME),
                    DicomJson.text(item, DicomJson.STUDY_DATE),
                    DicomJson.text(item, DicomJson.STUDY_DESCRIPTION),
                    DicomJson.texts(item, DicomJson.MODALITIES_IN_STUDY),
                    DicomJson.integer(item, DicomJson.STUDY_INSTANCES)))
            .toList();
    model.addAttribute("studies", studies);
    return "console/studies";
  }

  @GetMapping("/{study}")
  String study(@PathVariable String study, Model model) {
    uid(study);
    model.addAttribute("caller", Callers.require());
    model.addAttribute("study", study);
    List<SeriesRow> series =
        dicomJson("/dicomweb/studies/" + study + "/series", model).stream()
            .map(item ->
                new SeriesRow(
                    DicomJson.text(item, DicomJson.SERIES_UID),
                    DicomJson.integer(item, DicomJson.SERIES_NUMBER),
                    DicomJson.text(item, DicomJson.MODALITY),
                    DicomJson.text(item, DicomJson.SERIES_DESCRIPTION),
                    DicomJson.integer(item, DicomJson.SERIES_INSTANCES)))
            .sorted(Comparator.comparingInt(SeriesRow::number))
            .toList();
    model.addAttribute("series", series);
    return "console/study";
  }

  /**
   * The viewer: slices in instance-number order, each frame of a multi-frame instance a slice of
   * its own ({@link SeriesSlices}, from the WADO-RS series metadata, which also gives each slice's
   * geometry); viewer.js swaps the rendered image and draws the findings of medical's latest nodule
   * report of the series on the slices they meet.
   */
  @GetMapping("/{study}/series/{series}")
  String series(
      @PathVariable String study,
      @PathVariable String series,
      @RequestParam(defaultValue = "0") int slice,
      Model model) {
    uid(study);
    uid(series);
    model.addAttribute("caller", Callers.require());
    model.addAttribute("study", study);
    model.addAttribute("seriesUid", series);
    List<SeriesSlices.Slice> slices =
        SeriesSlices.of(
            dicomJson("/dicomweb/studies/" + study + "/series/" + series + "/metadata", model));
    List<FindingOverlays.@Nullable SliceGeometry> geometry =
        slices.stream().map(SeriesSlices.Slice::geometry).toList();
    List<FindingOverlays.Overlay> overlays =
        FindingOverlays.of(geometry, findings(study, series, model));
    model.addAttribute("slices", slices);
    model.addAttribute("overlays", overlays);
    model.addAttribute("overlayJson", overlayJson(overlays, geometry));
    model.addAttribute("initialSlice", Math.max(0, Math.min(slice, slices.size() - 1)));
    model.addAttribute("presets", PRESETS);
    model.addAttribute("preset", PRESETS.getFirst());
    return "console/series";
  }

  /**
   * A clinician's verdict on a finding, recorded by medical ({@code POST
   * /api/medical/findings/{id}/feedback}, published to {@code medical.feedback}) in the user's
   * name; back to the viewer at the finding's slice.
   */
  @PostMapping("/{study}/series/{series}/findings/{finding}/feedback")
  String feedback(
      @PathVariable String study,
      @PathVariable String series,
      @PathVariable UUID finding,
      @RequestParam String verdict,
      @RequestParam(defaultValue = "0") int slice,
      RedirectAttributes redirect) {
    uid(study);
    uid(series);
    if (!verdict.equals("CONFIRMED") && !verdict.equals("REJECTED")) {
      throw new InvalidRequestException("verdict must be CONFIRMED or REJECTED");
    }
    Caller caller = Callers.require();
    String body =
        StratumJson.mapper()
            .writeValueAsString(
                Map.of("verdict", verdict, "clinician", caller.subject(), "comment", ""));
    try {
      Answer answer =
          upstream.postJson(
              Route.MEDICAL,
              "/api/medical/findings/" + finding + "/feedback",
              caller.tenant(),
              body);
      if (answer.isSuccess()) {
        redirect.addFlashAttribute(
            "message",
            "Finding " + verdict.toLowerCase(Locale.ROOT) + " by " + caller.subject() + ".");
      } else {
        redirect.addFlashAttribute("error", "medical answered " + answer.status() + ".");
      }
    } catch (StratumException unavailable) {
      redirect.addFlashAttribute("error", unavailable.getMessage());
    }
    redirect.addAttribute("slice", slice);
    return "redirect:/console/studies/" + study + "/series/" + series;
  }

  /** The findings of the series' latest report; none when medical has no report (yet). */
  private List<FindingOverlays.Finding> findings(String study, String series, Model model) {
    try {
      Answer answer =
          upstream.get(
              Route.MEDICAL,
              "/api/medical/studies/" + study + "/report",
              Callers.require().tenant(),
              MediaType.APPLICATION_JSON_VALUE);
      if (answer.status() == HttpStatus.NOT_FOUND.value()) {
        return List.of();
      }
      if (!answer.isSuccess()) {
        model.addAttribute("error", "medical answered " + answer.status() + " for the report.");
        return List.of();
      }
      // reports come latest first
      for (JsonNode report : StratumJson.mapper().readTree(answer.body()).path("reports")) {
        if (report.path("seriesInstanceUid").asString("").equals(series)) {
          List<FindingOverlays.Finding> findings = new ArrayList<>();
          report.path("findings").forEach(json -> findings.add(FindingOverlays.Finding.of(json)));
          return findings;
        }
      }
      return List.of();
    } catch (StratumException unavailable) {
      model.addAttribute("error", unavailable.getMessage());
      return List.of();
    }
  }

  /** What viewer.js draws: the image size and each finding's circles by slice index. */
  private static String overlayJson(
      List<FindingOverlays.Overlay> overlays,
      List<FindingOverlays.@Nullable SliceGeometry> geometry) {
    FindingOverlays.SliceGeometry first =
        geometry.stream().filter(g -> g != null).findFirst().orElse(null);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("columns", first == null ? 0 : first.columns());
    json.put("rows", first == null ? 0 : first.rows());
    json.put(
        "findings",
        overlays.stream()
            .map(overlay ->
                Map.of(
                    "id", overlay.finding().id(),
                    "number", overlay.number(),
                    "circles", overlay.circles()))
            .toList());
    return StratumJson.mapper().writeValueAsString(json);
  }

  /** One slice as PNG, rendered by medical with the requested window. */
  @GetMapping("/{study}/series/{series}/instances/{instance}/rendered")
  ResponseEntity<byte[]> rendered(
      @PathVariable String study,
      @PathVariable String series,
      @PathVariable String instance,
      @RequestParam(required = false) @Nullable String window) {
    return rendered(study, series, instance, "", window);
  }

  /**
   * One frame of a multi-frame instance as PNG, rendered by medical with the frame's own rescale
   * and the requested window.
   */
  @GetMapping("/{study}/series/{series}/instances/{instance}/frames/{frame}/rendered")
  ResponseEntity<byte[]> renderedFrame(
      @PathVariable String study,
      @PathVariable String series,
      @PathVariable String instance,
      @PathVariable int frame,
      @RequestParam(required = false) @Nullable String window) {
    if (frame < 1) {
      throw new InvalidRequestException("Frame numbers start at 1: " + frame);
    }
    return rendered(study, series, instance, "/frames/" + frame, window);
  }

  private ResponseEntity<byte[]> rendered(
      String study, String series, String instance, String frame, @Nullable String window) {
    uid(study);
    uid(series);
    uid(instance);
    if (window != null && !WINDOW.matcher(window).matches()) {
      return ResponseEntity.badRequest().build();
    }
    Answer answer =
        upstream.get(
            Route.MEDICAL,
            "/dicomweb/studies/%s/series/%s/instances/%s%s/rendered%s"
                .formatted(
                    study, series, instance, frame, window == null ? "" : "?window=" + window),
            Callers.require().tenant(),
            MediaType.IMAGE_PNG_VALUE);
    if (!answer.isSuccess()) {
      return ResponseEntity.status(answer.status()).build();
    }
    return ResponseEntity.ok()
        .contentType(MediaType.IMAGE_PNG)
        .cacheControl(CacheControl.noStore())
        .body(answer.body());
  }

  private List<JsonNode> dicomJson(String pathAndQuery, Model model) {
    try {
      Answer answer =
          upstream.get(Route.MEDICAL, pathAndQuery, Callers.require().tenant(), DICOM_JSON);
      if (answer.status() == HttpStatus.NO_CONTENT.value()) {
        return List.of();
      }
      if (!answer.isSuccess()) {
        model.addAttribute("error", "medical answered " + answer.status() + ".");
        return List.of();
      }
      return DicomJson.items(answer.text());
    } catch (StratumException unavailable) {
      model.addAttribute("error", unavailable.getMessage());
      return List.of();
    }
  }

  /** UIDs only: they go into upstream paths. */
  private static void uid(String value) {
    if (value.length() > 64 || !UID.matcher(value).matches()) {
      throw new InvalidRequestException("Not a DICOM UID: " + value);
    }
  }
}
