package ai.stratum.medical.report.internal;

import ai.stratum.medical.detection.Analysis;
import ai.stratum.medical.detection.Attenuation;
import ai.stratum.medical.detection.Finding;
import ai.stratum.medical.dicom.Dicom;
import ai.stratum.medical.dicom.DicomBuilder;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.store.StoredInstance;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes an analysis as a DICOM Comprehensive 3D SR following TID 1500 (Measurement Report): the
 * image library lists the analysed CT instances; each finding is one measurement group (TID 1501)
 * with tracking identifier and UID, finding and site, the centre as a 3D SCOORD point in the CT's
 * frame of reference, diameter, volume, attenuation, probability and uncertainty. A series that was
 * not analysed gets the report with the reason as a comment and no measurement groups.
 */
public final class MeasurementReport {

  public static final String COMPREHENSIVE_3D_SR = "1.2.840.10008.5.1.4.1.1.88.34";

  private static final int CODE_VALUE = 0x00080100;
  private static final int CODING_SCHEME_DESIGNATOR = 0x00080102;
  private static final int CODE_MEANING = 0x00080104;
  private static final int MAPPING_RESOURCE = 0x00080105;
  private static final int REFERENCED_PERFORMED_PROCEDURE_STEP = 0x00081111;
  private static final int REFERENCED_SERIES = 0x00081115;
  private static final int REFERENCED_SOP_CLASS_UID = 0x00081150;
  private static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;
  private static final int REFERENCED_SOP = 0x00081199;
  private static final int MANUFACTURER_MODEL_NAME = 0x00081090;
  private static final int DEVICE_SERIAL_NUMBER = 0x00181000;
  private static final int SOFTWARE_VERSIONS = 0x00181020;
  private static final int MEASUREMENT_UNITS = 0x004008EA;
  private static final int RELATIONSHIP_TYPE = 0x0040A010;
  private static final int VALUE_TYPE = 0x0040A040;
  private static final int CONCEPT_NAME = 0x0040A043;
  private static final int CONTINUITY_OF_CONTENT = 0x0040A050;
  private static final int UID_VALUE = 0x0040A124;
  private static final int TEXT_VALUE = 0x0040A160;
  private static final int CONCEPT_CODE = 0x0040A168;
  private static final int MEASURED_VALUE = 0x0040A300;
  private static final int NUMERIC_VALUE = 0x0040A30A;
  private static final int PERFORMED_PROCEDURE_CODE = 0x0040A372;
  private static final int CURRENT_REQUESTED_PROCEDURE_EVIDENCE = 0x0040A375;
  private static final int COMPLETION_FLAG = 0x0040A491;
  private static final int VERIFICATION_FLAG = 0x0040A493;
  private static final int CONTENT_TEMPLATE = 0x0040A504;
  private static final int CONTENT_SEQUENCE = 0x0040A730;
  private static final int TEMPLATE_IDENTIFIER = 0x0040DB00;
  private static final int GRAPHIC_DATA = 0x00700022;
  private static final int GRAPHIC_TYPE = 0x00700023;
  private static final int REFERENCED_FRAME_OF_REFERENCE_UID = 0x30060024;

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

  /**
   * A coded concept. Every code here is standard (DCM, SCT, UCUM, RFC5646), checked against DICOM
   * PS3.16 context groups or SNOMED CT value sets; medical/README.md lists them with their sources.
   */
  private record Code(String value, String scheme, String meaning) {}

  private static final Code MEASUREMENT_REPORT =
      new Code("126000", "DCM", "Imaging Measurement Report");
  private static final Code LANGUAGE =
      new Code("121049", "DCM", "Language of Content Item and Descendants");
  private static final Code ENGLISH = new Code("en-US", "RFC5646", "English (United States)");
  private static final Code OBSERVER_TYPE = new Code("121005", "DCM", "Observer Type");
  private static final Code DEVICE = new Code("121007", "DCM", "Device");
  private static final Code DEVICE_OBSERVER_UID = new Code("121012", "DCM", "Device Observer UID");
  private static final Code DEVICE_OBSERVER_NAME =
      new Code("121013", "DCM", "Device Observer Name");
  private static final Code DEVICE_OBSERVER_MANUFACTURER =
      new Code("121014", "DCM", "Device Observer Manufacturer");
  private static final Code PROCEDURE_REPORTED = new Code("121058", "DCM", "Procedure reported");
  private static final Code CT_CHEST = new Code("169069000", "SCT", "CT of chest");
  private static final Code IMAGE_LIBRARY = new Code("111028", "DCM", "Image Library");
  private static final Code IMAGE_LIBRARY_GROUP = new Code("126200", "DCM", "Image Library Group");
  private static final Code IMAGING_MEASUREMENTS =
      new Code("126010", "DCM", "Imaging Measurements");
  private static final Code MEASUREMENT_GROUP = new Code("125007", "DCM", "Measurement Group");
  private static final Code TRACKING_IDENTIFIER = new Code("112039", "DCM", "Tracking Identifier");
  private static final Code TRACKING_UID = new Code("112040", "DCM", "Tracking Unique Identifier");
  private static final Code FINDING = new Code("121071", "DCM", "Finding");
  private static final Code NODULE = new Code("27925004", "SCT", "Nodule");
  private static final Code FINDING_SITE = new Code("363698007", "SCT", "Finding Site");
  private static final Code LUNG = new Code("39607008", "SCT", "Lung");
  private static final Code ALGORITHM_NAME = new Code("111001", "DCM", "Algorithm Name");
  private static final Code ALGORITHM_VERSION = new Code("111003", "DCM", "Algorithm Version");
  private static final Code CENTER = new Code("111010", "DCM", "Center");
  private static final Code DIAMETER = new Code("81827009", "SCT", "Diameter");
  private static final Code VOLUME = new Code("118565006", "SCT", "Volume");
  private static final Code OPACITY_DESCRIPTOR = new Code("112027", "DCM", "Opacity Descriptor");
  private static final Code SOLID = new Code("35702001", "SCT", "Solid");
  private static final Code GROUND_GLASS = new Code("112120", "DCM", "Ground glass opacity");
  private static final Code CERTAINTY_OF_FINDING =
      new Code("111012", "DCM", "Certainty of Finding");
  private static final Code DERIVATION = new Code("121401", "DCM", "Derivation");
  private static final Code STANDARD_DEVIATION = new Code("386136009", "SCT", "Standard Deviation");
  private static final Code COMMENT = new Code("121106", "DCM", "Comment");
  private static final Code MILLIMETRE = new Code("mm", "UCUM", "millimeter");
  private static final Code CUBIC_MILLIMETRE = new Code("mm3", "UCUM", "cubic millimeter");
  private static final Code PERCENT = new Code("%", "UCUM", "Percent");

  private static final String DEVICE_NAME = "Stratum lung nodule detection";

  private static final String DEVICE_VERSION = "0.1.0";

  /** Names this detector as the SR's device observer: the same UID in every report. */
  private static final String DEVICE_UID = Uids.fromName("stratum-device-observer/" + DEVICE_NAME);

  private MeasurementReport() {}

  /**
   * The SR for {@code analysis}.
   *
   * @param image one CT instance of the analysed series (patient, study and frame of reference)
   * @param images every instance of the analysed series, for the image library and evidence
   */
  public static DicomObject write(
      Analysis analysis,
      DicomObject image,
      List<StoredInstance> images,
      String seriesUid,
      String sopInstanceUid) {
    String date = DATE.format(analysis.analysedAt().atOffset(ZoneOffset.UTC));
    String time = TIME.format(analysis.analysedAt().atOffset(ZoneOffset.UTC));
    DicomBuilder sr = Dicom.builder();
    copy(
        image,
        sr,
        DicomTags.PATIENT_NAME,
        DicomTags.PATIENT_ID,
        DicomTags.PATIENT_BIRTH_DATE,
        DicomTags.PATIENT_SEX,
        DicomTags.STUDY_INSTANCE_UID,
        DicomTags.STUDY_DATE,
        DicomTags.STUDY_TIME,
        DicomTags.REFERRING_PHYSICIAN_NAME,
        DicomTags.STUDY_ID,
        DicomTags.ACCESSION_NUMBER);
    sr.string(DicomTags.SPECIFIC_CHARACTER_SET, "ISO_IR 192")
        .string(DicomTags.SOP_CLASS_UID, COMPREHENSIVE_3D_SR)
        .string(DicomTags.SOP_INSTANCE_UID, sopInstanceUid)
        .string(DicomTags.MODALITY, "SR")
        .string(DicomTags.SERIES_INSTANCE_UID, seriesUid)
        .integers(DicomTags.SERIES_NUMBER, 9001)
        .string(DicomTags.SERIES_DESCRIPTION, "Lung nodule findings")
        .sequence(REFERENCED_PERFORMED_PROCEDURE_STEP, List.of())
        .string(DicomTags.MANUFACTURER, "Stratum")
        .string(MANUFACTURER_MODEL_NAME, DEVICE_NAME)
        .string(DEVICE_SERIAL_NUMBER, "1")
        .string(SOFTWARE_VERSIONS, DEVICE_VERSION)
        .integers(DicomTags.INSTANCE_NUMBER, 1)
        .string(COMPLETION_FLAG, "COMPLETE")
        .string(VERIFICATION_FLAG, "UNVERIFIED")
        .string(DicomTags.CONTENT_DATE, date)
        .string(DicomTags.CONTENT_TIME, time)
        .sequence(PERFORMED_PROCEDURE_CODE, List.of(code(CT_CHEST)))
        .sequence(CURRENT_REQUESTED_PROCEDURE_EVIDENCE, List.of(evidence(image, images)))
        .string(VALUE_TYPE, "CONTAINER")
        .sequence(CONCEPT_NAME, List.of(code(MEASUREMENT_REPORT)))
        .string(CONTINUITY_OF_CONTENT, "SEPARATE")
        .sequence(
            CONTENT_TEMPLATE,
            List.of(
                Dicom.builder()
                    .string(MAPPING_RESOURCE, "DCMR")
                    .string(TEMPLATE_IDENTIFIER, "1500")));
    List<DicomBuilder> content = new ArrayList<>();
    content.add(codeItem("HAS CONCEPT MOD", LANGUAGE, ENGLISH));
    // TID 1001/1002/1004 observation context: the report is made by a device, not a person
    content.add(codeItem("HAS OBS CONTEXT", OBSERVER_TYPE, DEVICE));
    content.add(
        item("HAS OBS CONTEXT", "UIDREF", DEVICE_OBSERVER_UID).string(UID_VALUE, DEVICE_UID));
    content.add(textItem("HAS OBS CONTEXT", DEVICE_OBSERVER_NAME, DEVICE_NAME));
    content.add(textItem("HAS OBS CONTEXT", DEVICE_OBSERVER_MANUFACTURER, "Stratum"));
    content.add(codeItem("HAS CONCEPT MOD", PROCEDURE_REPORTED, CT_CHEST));
    content.add(imageLibrary(images));
    if (!analysis.analysed()) {
      content.add(textItem("CONTAINS", COMMENT, "Not analysed: " + analysis.reason()));
    } else {
      String frameOfReference = image.string(DicomTags.FRAME_OF_REFERENCE_UID).orElseThrow();
      List<DicomBuilder> groups = new ArrayList<>();
      int number = 1;
      for (Finding finding : analysis.findings()) {
        groups.add(measurementGroup(finding, number++, frameOfReference));
      }
      content.add(container("CONTAINS", IMAGING_MEASUREMENTS, groups));
    }
    sr.sequence(CONTENT_SEQUENCE, content);
    return sr.build();
  }

  private static DicomBuilder measurementGroup(
      Finding finding, int number, String frameOfReference) {
    List<DicomBuilder> items = new ArrayList<>();
    items.add(textItem("HAS OBS CONTEXT", TRACKING_IDENTIFIER, "Nodule " + number));
    items.add(
        item("HAS OBS CONTEXT", "UIDREF", TRACKING_UID).string(UID_VALUE, finding.trackingUid()));
    items.add(codeItem("CONTAINS", FINDING, NODULE));
    items.add(codeItem("HAS CONCEPT MOD", FINDING_SITE, LUNG));
    items.add(textItem("HAS CONCEPT MOD", ALGORITHM_NAME, DEVICE_NAME));
    items.add(textItem("HAS CONCEPT MOD", ALGORITHM_VERSION, DEVICE_VERSION));
    items.add(
        item("CONTAINS", "SCOORD3D", CENTER)
            .string(GRAPHIC_TYPE, "POINT")
            .numbers(GRAPHIC_DATA, finding.x(), finding.y(), finding.z())
            .string(REFERENCED_FRAME_OF_REFERENCE_UID, frameOfReference));
    items.add(numberItem(DIAMETER, finding.diameterMm(), MILLIMETRE));
    items.add(numberItem(VOLUME, finding.volumeMm3(), CUBIC_MILLIMETRE));
    items.add(
        codeItem(
            "CONTAINS",
            OPACITY_DESCRIPTOR,
            finding.attenuation() == Attenuation.SOLID ? SOLID : GROUND_GLASS));
    // probability and its spread over test-time augmentation, as CAD reports give certainty
    items.add(numberItem(CERTAINTY_OF_FINDING, 100 * finding.probability(), PERCENT));
    items.add(
        numberItem(CERTAINTY_OF_FINDING, 100 * finding.uncertainty(), PERCENT)
            .sequence(
                CONTENT_SEQUENCE,
                List.of(codeItem("HAS CONCEPT MOD", DERIVATION, STANDARD_DEVIATION))));
    return container("CONTAINS", MEASUREMENT_GROUP, items);
  }

  private static DicomBuilder imageLibrary(List<StoredInstance> images) {
    List<DicomBuilder> references = new ArrayList<>();
    for (StoredInstance instance : images) {
      references.add(
          item("CONTAINS", "IMAGE", null).sequence(REFERENCED_SOP, List.of(reference(instance))));
    }
    return container(
        "CONTAINS", IMAGE_LIBRARY, List.of(container("CONTAINS", IMAGE_LIBRARY_GROUP, references)));
  }

  private static DicomBuilder evidence(DicomObject image, List<StoredInstance> images) {
    List<DicomBuilder> references = images.stream().map(MeasurementReport::reference).toList();
    return Dicom.builder()
        .string(
            DicomTags.STUDY_INSTANCE_UID, image.string(DicomTags.STUDY_INSTANCE_UID).orElseThrow())
        .sequence(
            REFERENCED_SERIES,
            List.of(
                Dicom.builder()
                    .string(
                        DicomTags.SERIES_INSTANCE_UID,
                        image.string(DicomTags.SERIES_INSTANCE_UID).orElseThrow())
                    .sequence(REFERENCED_SOP, references)));
  }

  private static DicomBuilder reference(StoredInstance instance) {
    return Dicom.builder()
        .string(REFERENCED_SOP_CLASS_UID, instance.sopClassUid())
        .string(REFERENCED_SOP_INSTANCE_UID, instance.sopInstanceUid());
  }

  private static DicomBuilder container(
      String relationship, Code concept, List<DicomBuilder> items) {
    return item(relationship, "CONTAINER", concept)
        .string(CONTINUITY_OF_CONTENT, "SEPARATE")
        .sequence(CONTENT_SEQUENCE, items);
  }

  private static DicomBuilder codeItem(String relationship, Code concept, Code value) {
    return item(relationship, "CODE", concept).sequence(CONCEPT_CODE, List.of(code(value)));
  }

  private static DicomBuilder textItem(String relationship, Code concept, String text) {
    return item(relationship, "TEXT", concept).string(TEXT_VALUE, text);
  }

  private static DicomBuilder numberItem(Code concept, double value, Code unit) {
    return item("CONTAINS", "NUM", concept)
        .sequence(
            MEASURED_VALUE,
            List.of(
                Dicom.builder()
                    .string(NUMERIC_VALUE, decimal(value))
                    .sequence(MEASUREMENT_UNITS, List.of(code(unit)))));
  }

  private static DicomBuilder item(
      String relationship, String valueType, @org.jspecify.annotations.Nullable Code concept) {
    DicomBuilder item =
        Dicom.builder().string(RELATIONSHIP_TYPE, relationship).string(VALUE_TYPE, valueType);
    if (concept != null) {
      item.sequence(CONCEPT_NAME, List.of(code(concept)));
    }
    return item;
  }

  private static DicomBuilder code(Code code) {
    return Dicom.builder()
        .string(CODE_VALUE, code.value())
        .string(CODING_SCHEME_DESIGNATOR, code.scheme())
        .string(CODE_MEANING, code.meaning());
  }

  /** A DS value: at most 16 characters. */
  private static String decimal(double value) {
    String text = String.format(Locale.ROOT, "%.4f", value);
    return text.length() <= 16 ? text : String.format(Locale.ROOT, "%.6g", value).trim();
  }

  private static void copy(DicomObject from, DicomBuilder to, int... tags) {
    for (int tag : tags) {
      to.string(tag, from.string(tag).orElse(""));
    }
  }
}
