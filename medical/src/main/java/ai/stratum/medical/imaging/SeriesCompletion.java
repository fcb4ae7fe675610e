package ai.stratum.medical.imaging;

import ai.stratum.core.events.EventEnvelope;
import ai.stratum.core.events.Topic;
import ai.stratum.core.service.PeriodicTask;
import ai.stratum.core.storage.ContentAddress;
import ai.stratum.core.storage.ContentStore;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.medical.delivery.Outbox;
import ai.stratum.medical.delivery.OutboxRelay;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.imaging.internal.VolumeRepository;
import ai.stratum.medical.store.DicomStore;
import ai.stratum.medical.store.QuietSeries;
import ai.stratum.medical.store.StoredInstance;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.DoubleStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches for series that have been quiet for {@code stratum.medical.volumes.quiet-period}, builds
 * their volumes and announces each on {@code medical.studies} (keyed by study UID). Claiming a
 * series is atomic in PostgreSQL, so several service instances share the work; a claim not finished
 * within the lease (the claimant crashed) is taken over. The volume, the series' completion and its
 * event are committed in one transaction, the event through the outbox, whose relay publishes it.
 */
@Service
public class SeriesCompletion extends PeriodicTask {

  private static final Logger log = LoggerFactory.getLogger(SeriesCompletion.class);
  private static final int CLAIM_BATCH = 4;

  private final VolumeProperties properties;
  private final DicomStore store;
  private final ContentStore content;
  private final VolumeRepository volumes;
  private final Outbox outbox;
  private final OutboxRelay relay;
  private final TransactionTemplate transactions;

  SeriesCompletion(
      VolumeProperties properties,
      DicomStore store,
      ContentStore content,
      VolumeRepository volumes,
      Outbox outbox,
      OutboxRelay relay,
      TransactionTemplate transactions) {
    super("series-completion", properties.pollInterval());
    this.properties = properties;
    this.store = store;
    this.content = content;
    this.volumes = volumes;
    this.outbox = outbox;
    this.relay = relay;
    this.transactions = transactions;
  }

  /** Builds volumes for every series that is quiet now; returns how many series it handled. */
  public int completeQuietSeries() {
    int handled = 0;
    List<QuietSeries> claimed;
    do {
      claimed =
          store.claimQuietSeries(properties.quietPeriod(), properties.claimLease(), CLAIM_BATCH);
      for (QuietSeries series : claimed) {
        complete(series);
        handled++;
      }
    } while (claimed.size() == CLAIM_BATCH);
    if (handled > 0) {
      relay.nudge();
    }
    return handled;
  }

  /** The volume status of a series: "ready", or "refused: reason"; empty before completion. */
  public Optional<String> status(TenantId tenant, String seriesUid) {
    return volumes
        .status(tenant, seriesUid)
        .map(row -> row[0].equals("ready") ? row[0] : row[0] + ": " + row[1]);
  }

  private void complete(QuietSeries series) {
    Optional<VolumeEvent> event;
    try {
      event = build(series);
    } catch (IOException | RuntimeException e) {
      // the claim stays unfinished, so the series is tried again once the lease expires
      log.error("Volume assembly of series {} failed", series.seriesUid(), e);
      return;
    }
    boolean committed =
        Boolean.TRUE.equals(
            transactions.execute(status -> {
              if (!store.completeClaim(series)) {
                return false;
              }
              event.ifPresent(volume -> {
                volumes.save(series.tenant(), volume);
                String type = volume.reason() == null ? VolumeEvent.READY : VolumeEvent.REFUSED;
                outbox.add(
                    Topic.MEDICAL_STUDIES,
                    volume.studyInstanceUid(),
                    EventEnvelope.of(series.tenant(), type, volume));
              });
              return true;
            }));
    if (!committed) {
      log.info(
          "Series {} changed or was claimed again while its volume was built; left to the next"
              + " round",
          series.seriesUid());
    }
  }

  /** The volume or the reason there is none; empty for modalities that get no volume. */
  private Optional<VolumeEvent> build(QuietSeries series) throws IOException {
    List<StoredInstance> instances =
        store.instances(series.tenant(), series.studyUid(), series.seriesUid());
    List<Slice> slices = new ArrayList<>(instances.size());
    String reason = null;
    for (StoredInstance instance : instances) {
      DicomObject image = store.read(instance);
      String modality = image.string(DicomTags.MODALITY).orElse("");
      if (!properties.modalities().contains(modality)) {
        return Optional.empty();
      }
      try {
        slices.addAll(Slice.all(image));
      } catch (VolumeRejectedException e) {
        reason = e.getMessage();
        break;
      }
    }
    if (reason == null) {
      try {
        Volume volume = new VolumeAssembler(properties.isotropicSpacingMm()).assemble(slices);
        int sliceCount = slices.size();
        slices.clear();
        return Optional.of(ready(series, sliceCount, volume));
      } catch (VolumeRejectedException e) {
        reason = e.getMessage();
      }
    }
    log.info("Series {} does not make a volume: {}", series.seriesUid(), reason);
    return Optional.of(
        new VolumeEvent(
            series.studyUid(),
            series.seriesUid(),
            series.instanceCount(),
            0,
            null,
            null,
            null,
            null,
            null,
            reason));
  }

  private VolumeEvent ready(QuietSeries series, int sliceCount, Volume volume) throws IOException {
    ByteBuffer bytes =
        ByteBuffer.allocate(volume.hounsfield().length * 2).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asShortBuffer().put(volume.hounsfield());
    ContentAddress address = content.put(bytes.array());
    double[] direction = new double[9];
    System.arraycopy(volume.rowDirection(), 0, direction, 0, 3);
    System.arraycopy(volume.columnDirection(), 0, direction, 3, 3);
    System.arraycopy(volume.sliceDirection(), 0, direction, 6, 3);
    log.info(
        "Series {}: volume {}x{}x{} at {} mm ({})",
        series.seriesUid(),
        volume.columns(),
        volume.rows(),
        volume.slices(),
        Arrays.toString(volume.spacing()),
        address);
    return new VolumeEvent(
        series.studyUid(),
        series.seriesUid(),
        series.instanceCount(),
        sliceCount,
        address.sha256(),
        List.of(volume.columns(), volume.rows(), volume.slices()),
        boxed(volume.spacing()),
        boxed(volume.origin()),
        boxed(direction),
        null);
  }

  private static List<Double> boxed(double[] values) {
    return DoubleStream.of(values).boxed().toList();
  }

  @Override
  protected void runOnce() {
    completeQuietSeries();
  }

  @Override
  public void start() {
    if (properties.enabled()) {
      super.start();
    }
  }
}
