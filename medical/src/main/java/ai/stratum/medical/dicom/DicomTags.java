package ai.stratum.medical.dicom;

/** The DICOM attributes Stratum reads or writes, as {@code (group << 16) | element}. */
public final class DicomTags {

  public static final int TRANSFER_SYNTAX_UID = 0x00020010;
  public static final int SPECIFIC_CHARACTER_SET = 0x00080005;
  public static final int IMAGE_TYPE = 0x00080008;
  public static final int SOP_CLASS_UID = 0x00080016;
  public static final int SOP_INSTANCE_UID = 0x00080018;
  public static final int STUDY_DATE = 0x00080020;
  public static final int SERIES_DATE = 0x00080021;
  public static final int CONTENT_DATE = 0x00080023;
  public static final int STUDY_TIME = 0x00080030;
  public static final int SERIES_TIME = 0x00080031;
  public static final int CONTENT_TIME = 0x00080033;
  public static final int ACCESSION_NUMBER = 0x00080050;
  public static final int MODALITY = 0x00080060;
  public static final int MANUFACTURER = 0x00080070;
  public static final int INSTITUTION_NAME = 0x00080080;
  public static final int REFERRING_PHYSICIAN_NAME = 0x00080090;
  public static final int STUDY_DESCRIPTION = 0x00081030;
  public static final int SERIES_DESCRIPTION = 0x0008103E;
  public static final int PATIENT_NAME = 0x00100010;
  public static final int PATIENT_ID = 0x00100020;
  public static final int PATIENT_BIRTH_DATE = 0x00100030;
  public static final int PATIENT_SEX = 0x00100040;
  public static final int PATIENT_AGE = 0x00101010;
  public static final int BODY_PART_EXAMINED = 0x00180015;
  public static final int SLICE_THICKNESS = 0x00180050;
  public static final int KVP = 0x00180060;
  public static final int SPACING_BETWEEN_SLICES = 0x00180088;
  public static final int CONVOLUTION_KERNEL = 0x00181210;
  public static final int PATIENT_POSITION = 0x00185100;
  public static final int STUDY_INSTANCE_UID = 0x0020000D;
  public static final int SERIES_INSTANCE_UID = 0x0020000E;
  public static final int STUDY_ID = 0x00200010;
  public static final int SERIES_NUMBER = 0x00200011;
  public static final int ACQUISITION_NUMBER = 0x00200012;
  public static final int INSTANCE_NUMBER = 0x00200013;
  public static final int IMAGE_POSITION_PATIENT = 0x00200032;
  public static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;
  public static final int FRAME_OF_REFERENCE_UID = 0x00200052;
  public static final int POSITION_REFERENCE_INDICATOR = 0x00201040;
  public static final int SLICE_LOCATION = 0x00201041;
  public static final int SAMPLES_PER_PIXEL = 0x00280002;
  public static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
  public static final int NUMBER_OF_FRAMES = 0x00280008;
  public static final int ROWS = 0x00280010;
  public static final int COLUMNS = 0x00280011;
  public static final int PIXEL_SPACING = 0x00280030;
  public static final int BITS_ALLOCATED = 0x00280100;
  public static final int BITS_STORED = 0x00280101;
  public static final int HIGH_BIT = 0x00280102;
  public static final int PIXEL_REPRESENTATION = 0x00280103;
  public static final int WINDOW_CENTER = 0x00281050;
  public static final int WINDOW_WIDTH = 0x00281051;
  public static final int RESCALE_INTERCEPT = 0x00281052;
  public static final int RESCALE_SLOPE = 0x00281053;
  public static final int RESCALE_TYPE = 0x00281054;
  public static final int PIXEL_MEASURES_SEQUENCE = 0x00289110;
  public static final int PIXEL_VALUE_TRANSFORMATION_SEQUENCE = 0x00289145;
  public static final int FRAME_VOI_LUT_SEQUENCE = 0x00289132;
  public static final int FRAME_CONTENT_SEQUENCE = 0x00209111;
  public static final int PLANE_POSITION_SEQUENCE = 0x00209113;
  public static final int PLANE_ORIENTATION_SEQUENCE = 0x00209116;
  public static final int STACK_ID = 0x00209056;
  public static final int IN_STACK_POSITION_NUMBER = 0x00209057;
  public static final int SHARED_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009229;
  public static final int PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009230;
  public static final int PIXEL_DATA = 0x7FE00010;

  private DicomTags() {}

  /** {@code GGGGEEEE} in upper-case hex, as DICOM JSON and QIDO-RS name attributes. */
  public static String hex(int tag) {
    return String.format("%08X", tag);
  }
}
