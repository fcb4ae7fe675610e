package ai.stratum.medical.dicomweb;

import ai.stratum.core.json.StratumJson;
import ai.stratum.core.tenancy.TenantContext;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.core.web.InvalidRequestException;
import ai.stratum.core.web.NotFoundException;
import ai.stratum.medical.dicom.Dicom;
import ai.stratum.medical.dicom.DicomFormatException;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.dicom.PixelFrame;
import ai.stratum.medical.dicom.TransferSyntaxes;
import ai.stratum.medical.dicomweb.internal.DicomJsonNodes;
import ai.stratum.medical.dicomweb.internal.MultipartRelatedReader;
import ai.stratum.medical.dicomweb.internal.QidoJson;
import ai.stratum.medical.dicomweb.internal.QueryKeys;
import ai.stratum.medical.dicomweb.internal.Renderer;
import ai.stratum.medical.dicomweb.internal.UnrenderableException;
import ai.stratum.medical.dicomweb.internal.UnsupportedMediaTypeException;
import ai.stratum.medical.store.DicomStore;
import ai.stratum.medical.store.FailureReason;
import ai.stratum.medical.store.IndexQuery;
import ai.stratum.medical.store.IngestResult;
import ai.stratum.medical.store.QueryLevel;
import ai.stratum.medical.store.Source;
import ai.stratum.medical.store.StoredInstance;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** DICOMweb: STOW-RS, QIDO-RS and WADO-RS (PS3.18) for the tenant of the request. */
@RestController
@RequestMapping("/dicomweb")
class DicomWebController {

  static final String DICOM_JSON = "application/dicom+json";
  private static final MediaType DICOM_JSON_TYPE = MediaType.parseMediaType(DICOM_JSON);
  private static final int REFERENCED_SOP_CLASS_UID = 0x00081150;
  private static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;
  private static final int RETRIEVE_URL = 0x00081190;
  private static final int FAILURE_REASON = 0x00081197;
  private static final int FAILED_SOP_SEQUENCE = 0x00081198;
  private static final int REFERENCED_SOP_SEQUENCE = 0x00081199;
  private static final int ERROR_COMMENT = 0x00000902;
  private static final int DEFAULT_LIMIT = 100;

  private final DicomStore store;
  private final DicomWebProperties properties;

  DicomWebController(DicomStore store, DicomWebProperties properties) {
    this.store = store;
    this.properties = properties;
  }

  // ---- STOW-RS ----

  @PostMapping(path = {"/studies", "/studies/{study}"})
  ResponseEntity<ObjectNode> store(
      @PathVariable(required = false) @Nullable String study, HttpServletRequest request)
      throws IOException {
    TenantId tenant = TenantContext.require();
    MediaType contentType = contentType(request);
    if (!contentType.getType().equals("multipart") || !contentType.getSubtype().equals("related")) {
      throw new UnsupportedMediaTypeException(
          "STOW-RS takes multipart/related; type=\"application/dicom\", not " + contentType + ".");
    }
    String type = unquote(contentType.getParameter("type"));
    if (type != null && !type.equalsIgnoreCase("application/dicom")) {
      throw new UnsupportedMediaTypeException(
          "Only application/dicom parts are accepted, not " + type + ".");
    }
    String boundary = unquote(contentType.getParameter("boundary"));
    if (boundary == null || boundary.isEmpty()) {
      throw new InvalidRequestException("The multipart/related content type has no boundary.");
    }
    String baseUrl = baseUrl();
    ObjectNode response = StratumJson.mapper().createObjectNode();
    ArrayNode stored = StratumJson.mapper().createArrayNode();
    ArrayNode failed = StratumJson.mapper().createArrayNode();
    String studyOfResponse = study;
    MultipartRelatedReader reader =
        new MultipartRelatedReader(
            request.getInputStream(),
            boundary,
            properties.maxRequestBytes(),
            properties.maxInstanceBytes());
    for (MultipartRelatedReader.Part part = reader.next(); part != null; part = reader.next()) {
      IngestResult result = ingest(tenant, part, study);
      switch (result) {
        case IngestResult.Stored ok -> {
          ObjectNode item = stored.addObject();
          DicomJsonNodes.string(item, REFERENCED_SOP_CLASS_UID, "UI", ok.instance().sopClassUid());
          DicomJsonNodes.string(
              item, REFERENCED_SOP_INSTANCE_UID, "UI", ok.instance().sopInstanceUid());
          DicomJsonNodes.string(
              item, RETRIEVE_URL, "UR", QidoJson.instanceUrl(ok.instance(), baseUrl));
          studyOfResponse = studyOfResponse == null ? ok.instance().studyUid() : studyOfResponse;
        }
        case IngestResult.Refused refused -> {
          ObjectNode item = failed.addObject();
          DicomJsonNodes.string(
              item, REFERENCED_SOP_CLASS_UID, "UI", refused.sopClassUid().orElse(""));
          DicomJsonNodes.string(
              item, REFERENCED_SOP_INSTANCE_UID, "UI", refused.sopInstanceUid().orElse(""));
          DicomJsonNodes.integer(item, FAILURE_REASON, "US", refused.reason().dicomCode());
          DicomJsonNodes.string(item, ERROR_COMMENT, "LO", refused.detail());
        }
      }
    }
    if (stored.isEmpty() && failed.isEmpty()) {
      throw new InvalidRequestException("The request holds no parts.");
    }
    if (studyOfResponse != null && !stored.isEmpty()) {
      DicomJsonNodes.string(response, RETRIEVE_URL, "UR", baseUrl + "/studies/" + studyOfResponse);
    }
    if (!failed.isEmpty()) {
      response.putObject(DicomTags.hex(FAILED_SOP_SEQUENCE)).put("vr", "SQ").set("Value", failed);
    }
    if (!stored.isEmpty()) {
      response
          .putObject(DicomTags.hex(REFERENCED_SOP_SEQUENCE))
          .put("vr", "SQ")
          .set("Value", stored);
    }
    // PS3.18 10.5.3: 200 all stored, 202 some failed, 409 none stored
    HttpStatus status =
        failed.isEmpty()
            ? HttpStatus.OK
            : stored.isEmpty() ? HttpStatus.CONFLICT : HttpStatus.ACCEPTED;
    return ResponseEntity.status(status).contentType(DICOM_JSON_TYPE).body(response);
  }

  private IngestResult ingest(
      TenantId tenant, MultipartRelatedReader.Part part, @Nullable String study) {
    if (part.tooLarge()) {
      return refused(
          FailureReason.OUT_OF_RESOURCES,
          "The part exceeds " + properties.maxInstanceBytes() + " bytes.");
    }
    String partType = part.contentType();
    if (partType != null) {
      MediaType mediaType;
      try {
        mediaType = MediaType.parseMediaType(partType);
      } catch (IllegalArgumentException e) {
        return refused(FailureReason.CANNOT_UNDERSTAND, "The part has a malformed Content-Type.");
      }
      if (!mediaType.getType().equals("application") || !mediaType.getSubtype().equals("dicom")) {
        return refused(
            FailureReason.CANNOT_UNDERSTAND,
            "The part is " + partType + ", not application/dicom.");
      }
    }
    if (study == null) {
      return store.ingest(tenant, part.content(), Source.STOW);
    }
    DicomObject object;
    try {
      object = Dicom.reader().read(part.content());
    } catch (DicomFormatException e) {
      return store.ingest(tenant, part.content(), Source.STOW);
    }
    Optional<String> instanceStudy = object.string(DicomTags.STUDY_INSTANCE_UID);
    if (instanceStudy.isPresent() && !instanceStudy.get().equals(study)) {
      return new IngestResult.Refused(
          FailureReason.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
          "The instance belongs to study " + instanceStudy.get() + ", not " + study + ".",
          object.string(DicomTags.SOP_CLASS_UID),
          object.string(DicomTags.SOP_INSTANCE_UID));
    }
    return store.ingest(tenant, object, Source.STOW);
  }

  private static IngestResult refused(FailureReason reason, String detail) {
    return new IngestResult.Refused(reason, detail, Optional.empty(), Optional.empty());
  }

  // ---- QIDO-RS ----

  @GetMapping(
      path = "/studies",
      produces = {DICOM_JSON, MediaType.APPLICATION_JSON_VALUE})
  ArrayNode searchStudies(@RequestParam Map<String, String> parameters) {
    TenantId tenant = TenantContext.require();
    String baseUrl = baseUrl();
    ArrayNode result = StratumJson.mapper().createArrayNode();
    store
        .findStudies(tenant, query(QueryLevel.STUDY, null, null, parameters))
        .forEach(study -> result.add(QidoJson.study(study, baseUrl)));
    return result;
  }

  @GetMapping(
      path = {"/series", "/studies/{study}/series"},
      produces = {DICOM_JSON, MediaType.APPLICATION_JSON_VALUE})
  ArrayNode searchSeries(
      @PathVariable(required = false) @Nullable String study,
      @RequestParam Map<String, String> parameters) {
    TenantId tenant = TenantContext.require();
    String baseUrl = baseUrl();
    ArrayNode result = StratumJson.mapper().createArrayNode();
    store
        .findSeries(tenant, query(QueryLevel.SERIES, study, null, parameters))
        .forEach(series -> result.add(QidoJson.series(series, baseUrl)));
    return result;
  }

  @GetMapping(
      path = {
        "/instances",
        "/studies/{study}/instances",
        "/studies/{study}/series/{series}/instances"
      },
      produces = {DICOM_JSON, MediaType.APPLICATION_JSON_VALUE})
  ArrayNode searchInstances(
      @PathVariable(required = false) @Nullable String study,
      @PathVariable(required = false) @Nullable String series,
      @RequestParam Map<String, String> parameters) {
    TenantId tenant = TenantContext.require();
    String baseUrl = baseUrl();
    ArrayNode result = StratumJson.mapper().createArrayNode();
    store
        .findInstances(tenant, query(QueryLevel.INSTANCE, study, series, parameters))
        .forEach(instance -> result.add(QidoJson.instance(instance, baseUrl)));
    return result;
  }

  private static IndexQuery query(
      QueryLevel level,
      @Nullable String study,
      @Nullable String series,
      Map<String, String> parameters) {
    return new IndexQuery(
        level,
        study,
        series,
        QueryKeys.matches(parameters),
        QueryKeys.integer(parameters, "limit", DEFAULT_LIMIT, 1, IndexQuery.MAX_LIMIT),
        QueryKeys.integer(parameters, "offset", 0, 0, Integer.MAX_VALUE));
  }

  // ---- WADO-RS ----

  @GetMapping("/studies/{study}")
  ResponseEntity<StreamingResponseBody> retrieveStudy(@PathVariable String study) {
    TenantId tenant = TenantContext.require();
    return multipart(tenant, found(store.instances(tenant, study, null), "study", study));
  }

  @GetMapping("/studies/{study}/series/{series}")
  ResponseEntity<StreamingResponseBody> retrieveSeries(
      @PathVariable String study, @PathVariable String series) {
    TenantId tenant = TenantContext.require();
    return multipart(tenant, found(store.instances(tenant, study, series), "series", series));
  }

  @GetMapping("/studies/{study}/series/{series}/instances/{instance}")
  ResponseEntity<StreamingResponseBody> retrieveInstance(
      @PathVariable String study, @PathVariable String series, @PathVariable String instance) {
    TenantId tenant = TenantContext.require();
    return multipart(tenant, List.of(instance(tenant, study, series, instance)));
  }

  @GetMapping(
      path = "/studies/{study}/metadata",
      produces = {DICOM_JSON, MediaType.APPLICATION_JSON_VALUE})
  ArrayNode studyMetadata(@PathVariable String study) throws IOException {
    TenantId tenant = TenantContext.require();
    return metadata(found(store.instances(tenant, study, null), "study", study));
  }

  @GetMapping(
      path = "/studies/{study}/series/{series}/metadata",
      produces = {DICOM_JSON, MediaType.APPLICATION_JSON_VALUE})
  ArrayNode seriesMetadata(@PathVariable String study, @PathVariable String series)
      throws IOException {
    TenantId tenant = TenantContext.require();
    return metadata(found(store.instances(tenant, study, series), "series", series));
  }

  @GetMapping(
      path = "/studies/{study}/series/{series}/instances/{instance}/metadata",
      produces = {DICOM_JSON, MediaType.APPLICATION_JSON_VALUE})
  ArrayNode instanceMetadata(
      @PathVariable String study, @PathVariable String series, @PathVariable String instance)
      throws IOException {
    TenantId tenant = TenantContext.require();
    return metadata(List.of(instance(tenant, study, series, instance)));
  }

  /**
   * Frames as {@code application/octet-stream} parts, uncompressed (Explicit VR Little Endian
   * layout: samples of Bits Allocated, little-endian), in the order of the comma-separated list.
   */
  @GetMapping("/studies/{study}/series/{series}/instances/{instance}/frames/{frames}")
  ResponseEntity<StreamingResponseBody> retrieveFrames(
      @PathVariable String study,
      @PathVariable String series,
      @PathVariable String instance,
      @PathVariable String frames)
      throws IOException {
    TenantId tenant = TenantContext.require();
    DicomObject object = store.read(instance(tenant, study, series, instance));
    List<Integer> numbers = new ArrayList<>();
    for (String number : frames.split(",", -1)) {
      int frameNumber =
          QueryKeys.integer(Map.of("frame", number.strip()), "frame", 1, 1, Integer.MAX_VALUE);
      if (frameNumber > object.numberOfFrames()) {
        throw new NotFoundException("frame", frameNumber);
      }
      numbers.add(frameNumber);
    }
    int bitsAllocated = object.integer(DicomTags.BITS_ALLOCATED).orElse(16);
    List<byte[]> parts = new ArrayList<>(numbers.size());
    for (int number : numbers) {
      try {
        parts.add(nativeBytes(object.frame(number - 1), bitsAllocated));
      } catch (DicomFormatException e) {
        throw new UnrenderableException(e.getMessage());
      }
    }
    String boundary = UUID.randomUUID().toString();
    String location = ServletUriComponentsBuilder.fromCurrentRequestUri().toUriString();
    StreamingResponseBody body =
        out -> {
          for (int p = 0; p < parts.size(); p++) {
            writeAscii(
                out,
                "--"
                    + boundary
                    + "\r\nContent-Type: application/octet-stream; transfer-syntax="
                    + TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN
                    + "\r\nContent-Location: "
                    + location.substring(0, location.lastIndexOf('/') + 1)
                    + numbers.get(p)
                    + "\r\n\r\n");
            out.write(parts.get(p));
            writeAscii(out, "\r\n");
          }
          writeAscii(out, "--" + boundary + "--\r\n");
        };
    return ResponseEntity.ok()
        .header(
            HttpHeaders.CONTENT_TYPE,
            "multipart/related; type=\"application/octet-stream\"; boundary=" + boundary)
        .body(body);
  }

  /**
   * The stored values of a frame as native pixel data: Bits Allocated per sample, little-endian.
   */
  private static byte[] nativeBytes(PixelFrame frame, int bitsAllocated) {
    int[] samples = frame.samples();
    int bytesPerSample = bitsAllocated <= 8 ? 1 : 2;
    ByteBuffer bytes =
        ByteBuffer.allocate(samples.length * bytesPerSample).order(ByteOrder.LITTLE_ENDIAN);
    for (int sample : samples) {
      if (bytesPerSample == 1) {
        bytes.put((byte) sample);
      } else {
        bytes.putShort((short) sample);
      }
    }
    return bytes.array();
  }

  @GetMapping(
      path = {
        "/studies/{study}/series/{series}/instances/{instance}/rendered",
        "/studies/{study}/series/{series}/instances/{instance}/frames/{frame}/rendered"
      },
      produces = MediaType.IMAGE_PNG_VALUE)
  ResponseEntity<byte[]> rendered(
      @PathVariable String study,
      @PathVariable String series,
      @PathVariable String instance,
      @PathVariable(required = false) @Nullable String frame,
      @RequestParam(required = false) @Nullable String window)
      throws IOException {
    TenantId tenant = TenantContext.require();
    DicomObject object = store.read(instance(tenant, study, series, instance));
    int frameNumber =
        frame == null
            ? 1
            : QueryKeys.integer(Map.of("frame", frame), "frame", 1, 1, Integer.MAX_VALUE);
    if (frameNumber > object.numberOfFrames()) {
      throw new NotFoundException("frame", frameNumber);
    }
    byte[] png;
    try {
      png = Renderer.png(object, frameNumber - 1, window);
    } catch (DicomFormatException e) {
      throw new UnrenderableException(e.getMessage());
    }
    return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(png);
  }

  private ArrayNode metadata(List<StoredInstance> instances) throws IOException {
    String baseUrl = baseUrl();
    ArrayNode result = StratumJson.mapper().createArrayNode();
    for (StoredInstance instance : instances) {
      result.add(store.read(instance).toJson(QidoJson.instanceUrl(instance, baseUrl)));
    }
    return result;
  }

  private StoredInstance instance(TenantId tenant, String study, String series, String instance) {
    return store
        .instance(tenant, instance)
        .filter(stored -> stored.studyUid().equals(study) && stored.seriesUid().equals(series))
        .orElseThrow(() -> new NotFoundException("instance", instance));
  }

  private static List<StoredInstance> found(
      List<StoredInstance> instances, String what, String uid) {
    if (instances.isEmpty()) {
      throw new NotFoundException(what, uid);
    }
    return instances;
  }

  private ResponseEntity<StreamingResponseBody> multipart(
      TenantId tenant, List<StoredInstance> instances) {
    String boundary = UUID.randomUUID().toString();
    StreamingResponseBody body =
        out -> {
          for (StoredInstance instance : instances) {
            writeAscii(
                out,
                "--"
                    + boundary
                    + "\r\nContent-Type: application/dicom; transfer-syntax="
                    + instance.transferSyntaxUid()
                    + "\r\nContent-Location: "
                    + instance.sopInstanceUid()
                    + "\r\n\r\n");
            try (InputStream in = store.open(instance)) {
              in.transferTo(out);
            }
            writeAscii(out, "\r\n");
          }
          writeAscii(out, "--" + boundary + "--\r\n");
        };
    return ResponseEntity.ok()
        .header(
            HttpHeaders.CONTENT_TYPE,
            "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
        .body(body);
  }

  private static void writeAscii(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static MediaType contentType(HttpServletRequest request) {
    String header = request.getContentType();
    if (header == null) {
      throw new UnsupportedMediaTypeException("The request has no Content-Type.");
    }
    try {
      return MediaType.parseMediaType(header);
    } catch (IllegalArgumentException e) {
      throw new UnsupportedMediaTypeException("The Content-Type is malformed.");
    }
  }

  private static @Nullable String unquote(@Nullable String value) {
    if (value != null && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static String baseUrl() {
    return ServletUriComponentsBuilder.fromCurrentContextPath().path("/dicomweb").toUriString();
  }
}
