package ai.stratum.medical.dicom;

/** A running C-ECHO / C-STORE SCP; closing it stops accepting and aborts open associations. */
public interface StoreScp extends AutoCloseable {

  /** The bound port (useful when configured with 0). */
  int port();

  @Override
  void close();
}
