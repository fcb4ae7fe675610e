package ai.stratum.medical.store;

import ai.stratum.core.storage.ContentAddress;
import ai.stratum.core.storage.ContentStore;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.medical.dicom.Dicom;
import ai.stratum.medical.dicom.DicomFormatException;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.dicom.UnsupportedTransferSyntaxException;
import ai.stratum.medical.store.internal.IndexRepository;
import ai.stratum.medical.store.internal.InstanceValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Stores DICOM instances for a tenant and answers what is stored. Storing is idempotent by SOP
 * Instance UID: the same instance again is acknowledged without change; a different object under a
 * stored UID is refused and the stored one stays as it was.
 */
@Service
public class DicomStore {

  private static final Logger log = LoggerFactory.getLogger(DicomStore.class);

  private final ContentStore content;
  private final IndexRepository index;
  private final List<IngestCheck> checks;

  DicomStore(ContentStore content, IndexRepository index, List<IngestCheck> checks) {
    this.content = content;
    this.index = index;
    this.checks = List.copyOf(checks);
  }

  /** Parses, validates and stores one DICOM file (Part 10, with or without meta header). */
  public IngestResult ingest(TenantId tenant, byte[] part10, Source source) {
    DicomObject object;
    try {
      object = Dicom.reader().read(part10);
    } catch (UnsupportedTransferSyntaxException e) {
      return refused(FailureReason.UNSUPPORTED_TRANSFER_SYNTAX, e.getMessage());
    } catch (DicomFormatException e) {
      return refused(FailureReason.CANNOT_UNDERSTAND, e.getMessage());
    }
    return ingest(tenant, object, source);
  }

  /** Validates and stores an already parsed object. */
  public IngestResult ingest(TenantId tenant, DicomObject object, Source source) {
    Optional<IngestResult.Refused> invalid = InstanceValidator.check(object);
    if (invalid.isPresent()) {
      return invalid.get();
    }
    for (IngestCheck check : checks) {
      Optional<String> refusal = check.refusal(object);
      if (refusal.isPresent()) {
        return new IngestResult.Refused(
            FailureReason.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
            refusal.get(),
            object.string(DicomTags.SOP_CLASS_UID),
            object.string(DicomTags.SOP_INSTANCE_UID));
      }
    }
    byte[] bytes = object.toPart10();
    ContentAddress address;
    try {
      address = content.put(bytes);
    } catch (IOException e) {
      log.error(
          "cannot write {} to the content store", object.string(DicomTags.SOP_INSTANCE_UID), e);
      return new IngestResult.Refused(
          FailureReason.PROCESSING_FAILURE,
          "The instance could not be written to storage; retry later.",
          object.string(DicomTags.SOP_CLASS_UID),
          object.string(DicomTags.SOP_INSTANCE_UID));
    }
    return index.record(tenant, object, address, bytes.length, source);
  }

  public Optional<StoredInstance> instance(TenantId tenant, String sopInstanceUid) {
    return index.instance(tenant, sopInstanceUid);
  }

  /** Instances of a study, or of one series of it when {@code seriesUid} is given. */
  public List<StoredInstance> instances(
      TenantId tenant, String studyUid, @org.jspecify.annotations.Nullable String seriesUid) {
    return index.instances(tenant, studyUid, seriesUid);
  }

  /** The canonical Part 10 bytes of a stored instance. */
  public InputStream open(StoredInstance instance) throws IOException {
    return content
        .open(instance.address())
        .orElseThrow(() ->
            new UncheckedIOException(
                new IOException("content " + instance.address() + " is missing from storage")));
  }

  public DicomObject read(StoredInstance instance) throws IOException {
    try (InputStream in = open(instance)) {
      return Dicom.reader().read(in.readAllBytes());
    }
  }

  public List<StudyRecord> findStudies(TenantId tenant, IndexQuery query) {
    return index.findStudies(tenant, query);
  }

  public List<SeriesRecord> findSeries(TenantId tenant, IndexQuery query) {
    return index.findSeries(tenant, query);
  }

  public List<StoredInstance> findInstances(TenantId tenant, IndexQuery query) {
    return index.findInstances(tenant, query);
  }

  public boolean isEmpty() {
    return index.isEmpty();
  }

  /**
   * Claims series that received nothing for {@code quietPeriod}, and series whose claimant did not
   * finish within {@code lease}; each claim goes to exactly one caller, across service instances.
   * The caller finishes with {@link #completeClaim}; an unfinished claim is taken over after the
   * lease.
   */
  public List<QuietSeries> claimQuietSeries(Duration quietPeriod, Duration lease, int limit) {
    return index.claimQuietSeries(quietPeriod, lease, limit);
  }

  /**
   * Marks a claimed series complete, in the caller's transaction; false when the claim no longer
   * holds (an instance arrived since, or the lease expired and another claimant took it).
   */
  public boolean completeClaim(QuietSeries series) {
    return index.completeClaim(series);
  }

  private static IngestResult.Refused refused(FailureReason reason, String detail) {
    return new IngestResult.Refused(reason, detail, Optional.empty(), Optional.empty());
  }
}
