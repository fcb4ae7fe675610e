package ai.stratum.medical.phantom;

import ai.stratum.core.json.StratumJson;
import ai.stratum.medical.dicom.Dicom;
import ai.stratum.medical.dicom.DicomBuilder;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.phantom.internal.ChestAnatomy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One synthetic chest CT series (CT Image Storage) and its ground truth. Slices are made one at a
 * time, so a 512 x 512 x 300 series never sits in memory as a whole.
 *
 * <pre>{@code
 * PhantomSeries series = PhantomSeries.of(PhantomSpec.chest(300, 7));
 * series.writeTo(Path.of("phantom-7"));          // CT000001.dcm ... and ground-truth.json
 * series.forEachSlice(slice -> store(slice.toPart10()));
 * }</pre>
 */
public final class PhantomSeries {

  public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
  public static final String GROUND_TRUTH_FILE = "ground-truth.json";

  private static final int HU_OFFSET = 1024;

  private final PhantomSpec spec;
  private final ChestAnatomy anatomy;
  private final String studyUid;
  private final String seriesUid;
  private final String frameOfReferenceUid;

  private PhantomSeries(PhantomSpec spec) {
    this.spec = spec;
    this.anatomy = new ChestAnatomy(spec);
    this.studyUid = uid(spec.seed(), "study");
    this.seriesUid = uid(spec.seed(), "series");
    this.frameOfReferenceUid = uid(spec.seed(), "frame-of-reference");
  }

  public static PhantomSeries of(PhantomSpec spec) {
    return new PhantomSeries(spec);
  }

  public PhantomSpec spec() {
    return spec;
  }

  public String studyInstanceUid() {
    return studyUid;
  }

  public String seriesInstanceUid() {
    return seriesUid;
  }

  public List<Nodule> nodules() {
    return anatomy.nodules();
  }

  /** A DICOM UID under the UUID-derived root 2.25, fixed by the seed and a label. */
  public static String uid(long seed, String label) {
    UUID uuid = UUID.nameUUIDFromBytes((seed + "/" + label).getBytes(StandardCharsets.UTF_8));
    ByteBuffer bytes = ByteBuffer.allocate(16);
    bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return "2.25." + new BigInteger(1, bytes.array());
  }

  /** Slice {@code index} (0 is the most superior) as a DICOM object. */
  public DicomObject slice(int index) {
    if (index < 0 || index >= spec.slices()) {
      throw new IndexOutOfBoundsException("slice " + index + " of " + spec.slices());
    }
    double[] hu = anatomy.render(index);
    short[] stored = new short[hu.length];
    for (int i = 0; i < hu.length; i++) {
      long value = Math.round(hu[i]) + HU_OFFSET;
      stored[i] = (short) Math.max(0, Math.min(4095, value));
    }
    double spacing = spec.pixelSpacingMm();
    double origin = anatomy.firstPixelCenter();
    double z = anatomy.sliceZ(index);
    DicomBuilder builder =
        Dicom.builder()
            .string(DicomTags.SPECIFIC_CHARACTER_SET, "ISO_IR 100")
            .string(DicomTags.IMAGE_TYPE, "ORIGINAL", "PRIMARY", "AXIAL")
            .string(DicomTags.SOP_CLASS_UID, CT_IMAGE_STORAGE)
            .string(DicomTags.SOP_INSTANCE_UID, uid(spec.seed(), "instance-" + index))
            .string(DicomTags.STUDY_DATE, "20240101")
            .string(DicomTags.SERIES_DATE, "20240101")
            .string(DicomTags.CONTENT_DATE, "20240101")
            .string(DicomTags.STUDY_TIME, "090000")
            .string(DicomTags.SERIES_TIME, "090000")
            .string(DicomTags.CONTENT_TIME, "090000")
            .string(DicomTags.ACCESSION_NUMBER, "A" + Math.floorMod(spec.seed(), 1_000_000))
            .string(DicomTags.MODALITY, "CT")
            .string(DicomTags.MANUFACTURER, "Stratum phantom")
            .string(DicomTags.REFERRING_PHYSICIAN_NAME, "")
            .string(DicomTags.STUDY_DESCRIPTION, "Synthetic chest CT")
            .string(DicomTags.SERIES_DESCRIPTION, "Chest " + spec.sliceSpacingMm() + " mm")
            .string(DicomTags.PATIENT_NAME, "Phantom^" + spec.patientId())
            .string(DicomTags.PATIENT_ID, spec.patientId())
            .string(DicomTags.PATIENT_BIRTH_DATE, "19600101")
            .string(DicomTags.PATIENT_SEX, "O")
            .string(DicomTags.BODY_PART_EXAMINED, "CHEST")
            .numbers(DicomTags.SLICE_THICKNESS, spec.sliceSpacingMm())
            .numbers(DicomTags.KVP, 120)
            .string(DicomTags.PATIENT_POSITION, "HFS")
            .string(DicomTags.STUDY_INSTANCE_UID, studyUid)
            .string(DicomTags.SERIES_INSTANCE_UID, seriesUid)
            .string(DicomTags.STUDY_ID, "1")
            .integers(DicomTags.SERIES_NUMBER, 1)
            .integers(DicomTags.INSTANCE_NUMBER, index + 1)
            .integers(DicomTags.ACQUISITION_NUMBER, 1)
            .numbers(DicomTags.IMAGE_POSITION_PATIENT, origin, origin, z)
            .numbers(DicomTags.IMAGE_ORIENTATION_PATIENT, 1, 0, 0, 0, 1, 0)
            .string(DicomTags.FRAME_OF_REFERENCE_UID, frameOfReferenceUid)
            .string(DicomTags.POSITION_REFERENCE_INDICATOR, "")
            .numbers(DicomTags.SLICE_LOCATION, z)
            .numbers(DicomTags.PIXEL_SPACING, spacing, spacing)
            .numbers(DicomTags.WINDOW_CENTER, -600)
            .numbers(DicomTags.WINDOW_WIDTH, 1500)
            .numbers(DicomTags.RESCALE_INTERCEPT, -HU_OFFSET)
            .numbers(DicomTags.RESCALE_SLOPE, 1)
            .string(DicomTags.RESCALE_TYPE, "HU")
            .pixels16(spec.matrix(), spec.matrix(), stored, false)
            .integers(DicomTags.BITS_STORED, 12)
            .integers(DicomTags.HIGH_BIT, 11);
    return builder.build();
  }

  /** Makes each slice in order and hands it to {@code sink}. */
  public void forEachSlice(SliceSink sink) {
    for (int index = 0; index < spec.slices(); index++) {
      sink.accept(index, slice(index));
    }
  }

  /** Writes {@code CT000001.dcm ...} and {@value #GROUND_TRUTH_FILE} into {@code directory}. */
  public void writeTo(Path directory) throws IOException {
    Files.createDirectories(directory);
    try {
      forEachSlice((index, slice) -> {
        try {
          Files.write(directory.resolve(String.format("CT%06d.dcm", index + 1)), slice.toPart10());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Files.writeString(directory.resolve(GROUND_TRUTH_FILE), groundTruthJson());
  }

  /**
   * The ground truth: study and series UIDs, geometry and every nodule (centre, diameter, type).
   */
  public String groundTruthJson() {
    Map<String, Object> truth = new LinkedHashMap<>();
    truth.put("studyInstanceUid", studyUid);
    truth.put("seriesInstanceUid", seriesUid);
    truth.put("spec", spec);
    truth.put("coordinates", "patient LPS, millimetres");
    truth.put("nodules", nodules());
    return StratumJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(truth);
  }

  /** Receives slices as they are made. */
  @FunctionalInterface
  public interface SliceSink {
    void accept(int index, DicomObject slice);
  }
}
