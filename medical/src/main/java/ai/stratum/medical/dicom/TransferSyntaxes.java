package ai.stratum.medical.dicom;

import java.util.Set;

/** The transfer syntaxes Stratum accepts, by UID. */
public final class TransferSyntaxes {

  public static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
  public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
  public static final String DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1.99";
  public static final String EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";
  public static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
  public static final String JPEG_EXTENDED = "1.2.840.10008.1.2.4.51";
  public static final String JPEG_LOSSLESS = "1.2.840.10008.1.2.4.57";
  public static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";
  public static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";
  public static final String JPEG_LS_NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";
  public static final String JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90";
  public static final String JPEG_2000 = "1.2.840.10008.1.2.4.91";
  public static final String RLE_LOSSLESS = "1.2.840.10008.1.2.5";

  /** Stored as received: uncompressed (re-encoded as Explicit VR Little Endian) or encapsulated. */
  public static final Set<String> ACCEPTED =
      Set.of(
          IMPLICIT_VR_LITTLE_ENDIAN,
          EXPLICIT_VR_LITTLE_ENDIAN,
          DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
          EXPLICIT_VR_BIG_ENDIAN,
          JPEG_BASELINE,
          JPEG_EXTENDED,
          JPEG_LOSSLESS,
          JPEG_LOSSLESS_SV1,
          JPEG_LS_LOSSLESS,
          JPEG_LS_NEAR_LOSSLESS,
          JPEG_2000_LOSSLESS,
          JPEG_2000,
          RLE_LOSSLESS);

  private TransferSyntaxes() {}

  public static boolean isAccepted(String uid) {
    return ACCEPTED.contains(uid);
  }

  /** Whether pixel data in this syntax is stored in fragments of a compressed stream. */
  public static boolean isEncapsulated(String uid) {
    return !uid.equals(IMPLICIT_VR_LITTLE_ENDIAN)
        && !uid.equals(EXPLICIT_VR_LITTLE_ENDIAN)
        && !uid.equals(DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN)
        && !uid.equals(EXPLICIT_VR_BIG_ENDIAN);
  }
}
