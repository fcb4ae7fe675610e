package ai.stratum.gateway.console;

import ai.stratum.core.web.InvalidRequestException;
import ai.stratum.core.web.StratumException;
import ai.stratum.gateway.identity.Caller;
import ai.stratum.gateway.identity.Callers;
import ai.stratum.gateway.routing.Route;
import ai.stratum.gateway.routing.UpstreamClient;
import ai.stratum.gateway.routing.UpstreamClient.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * The tenant's studies (role CLINICIAN) and a slice viewer for a series: QIDO-RS lists, WADO-RS
 * rendered slices with window/level, fetched from medical with the user's tenant.
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

  /** The viewer: slices in instance-number order; viewer.js swaps the rendered image. */
  @GetMapping("/{study}/series/{series}")
  String series(@PathVariable String study, @PathVariable String series, Model model) {
    uid(study);
    uid(series);
    model.addAttribute("caller", Callers.require());
    model.addAttribute("study", study);
    model.addAttribute("seriesUid", series);
    List<String> instances =
        dicomJson(
                "/dicomweb/studies/" + study + "/series/" + series + "/instances?limit=1000", model)
            .stream()
            .sorted(
                Comparator.comparingInt(item -> DicomJson.integer(item, DicomJson.INSTANCE_NUMBER)))
            .map(item -> DicomJson.text(item, DicomJson.SOP_INSTANCE_UID))
            .toList();
    model.addAttribute("instances", instances);
    model.addAttribute("presets", PRESETS);
    model.addAttribute("preset", PRESETS.getFirst());
    return "console/series";
  }

  /** One slice as PNG, rendered by medical with the requested window. */
  @GetMapping("/{study}/series/{series}/instances/{instance}/rendered")
  ResponseEntity<byte[]> rendered(
      @PathVariable String study,
      @PathVariable String series,
      @PathVariable String instance,
      @RequestParam(required = false) @Nullable String window) {
    uid(study);
    uid(series);
    uid(instance);
    if (window != null && !WINDOW.matcher(window).matches()) {
      return ResponseEntity.badRequest().build();
    }
    Answer answer =
        upstream.get(
            Route.MEDICAL,
            "/dicomweb/studies/%s/series/%s/instances/%s/rendered%s"
                .formatted(study, series, instance, window == null ? "" : "?window=" + window),
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
