package ai.stratum.medical.dicom;

import ai.stratum.medical.dicom.internal.PixelMedBuilder;
import ai.stratum.medical.dicom.internal.PixelMedReader;
import ai.stratum.medical.dicom.internal.PixelMedStoreScp;
import ai.stratum.medical.dicom.internal.PixelMedStoreScu;
import java.io.IOException;

/**
 * Entry point to the DICOM toolkit. The toolkit (PixelMed) stays behind these interfaces so that
 * another one can replace it without touching the features.
 */
public final class Dicom {

  private static final DicomReader READER = new PixelMedReader();
  private static final StoreScu STORE_SCU = new PixelMedStoreScu();

  private Dicom() {}

  public static DicomReader reader() {
    return READER;
  }

  public static DicomBuilder builder() {
    return new PixelMedBuilder();
  }

  /**
   * Starts a C-ECHO / C-STORE service class provider; it accepts associations until closed.
   *
   * @throws IOException when the port cannot be bound
   */
  public static StoreScp startStoreScp(StoreScpSettings settings, StoreHandler handler)
      throws IOException {
    return PixelMedStoreScp.start(settings, handler);
  }

  /** A C-STORE service class user; thread-safe, one association per file sent. */
  public static StoreScu storeScu() {
    return STORE_SCU;
  }
}
