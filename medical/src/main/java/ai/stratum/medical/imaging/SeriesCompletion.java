package ai.stratum.medical.imaging;

import ai.stratum.core.events.EventEnvelope;
import ai.stratum.core.events.EventPublisher;
import ai.stratum.core.events.Topic;
import ai.stratum.core.storage.ContentAddress;
import ai.stratum.core.storage.ContentStore;
import ai.stratum.core.tenancy.TenantId;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.DoubleStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * Watches for series that have been quiet for {@code stratum.medical.volumes.quiet-period}, builds
 * their volumes and announces each on {@code medical.studies} (keyed by study UID). Claiming a
 * series is atomic in PostgreSQL, so several service instances share the work.
 */
@Service
public class SeriesCompletion implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SeriesCompletion.class);
  private static final int CLAIM_BATCH = 4;

  private final VolumeProperties properties;
  private final DicomStore store;
  private final ContentStore content;
  private final VolumeRepository volumes;
  private final ObjectProvider<EventPublisher> publisher;
  private @Nullable ScheduledExecutorService scheduler;

  SeriesCompletion(
      VolumeProperties properties,
      DicomStore store,
      ContentStore content,
      VolumeRepository volumes,
      ObjectProvider<EventPublisher> publisher) {
    this.properties = properties;
    this.store = store;
    this.content = content;
    this.volumes = volumes;
    this.publisher = publisher;
  }

  /** Builds volumes for every series that is quiet now; returns how many series it handled. */
  public int completeQuietSeries() {
    int handled = 0;
    List<QuietSeries> claimed;
    do {
      claimed = store.claimQuietSeries(properties.quietPeriod(), CLAIM_BATCH);
      for (QuietSeries series : claimed) {
        complete(series);
        handled++;
      }
    } while (claimed.size() == CLAIM_BATCH);
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
      log.error("Volume assembly of series {} failed", series.seriesUid(), e);
      return;
    }
    event.ifPresent(volume -> announce(series.tenant(), volume));
  }

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
        slices.add(Slice.from(image));
      } catch (VolumeRejectedException e) {
        reason = e.getMessage();
        break;
      }
    }
    if (reason == null) {
      try {
        Volume volume = new VolumeAssembler(properties.isotropicSpacingMm()).assemble(slices);
        slices.clear();
        return Optional.of(saveReady(series, volume));
      } catch (VolumeRejectedException e) {
        reason = e.getMessage();
      }
    }
    log.info("Series {} does not make a volume: {}", series.seriesUid(), reason);
    VolumeEvent refused =
        new VolumeEvent(
            series.studyUid(),
            series.seriesUid(),
            series.instanceCount(),
            null,
            null,
            null,
            null,
            null,
            reason);
    volumes.save(series.tenant(), refused);
    return Optional.of(refused);
  }

  private VolumeEvent saveReady(QuietSeries series, Volume volume) throws IOException {
    ByteBuffer bytes =
        ByteBuffer.allocate(volume.hounsfield().length * 2).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asShortBuffer().put(volume.hounsfield());
    ContentAddress address = content.put(bytes.array());
    double[] direction = new double[9];
    System.arraycopy(volume.rowDirection(), 0, direction, 0, 3);
    System.arraycopy(volume.columnDirection(), 0, direction, 3, 3);
    System.arraycopy(volume.sliceDirection(), 0, direction, 6, 3);
    VolumeEvent ready =
        new VolumeEvent(
            series.studyUid(),
            series.seriesUid(),
            series.instanceCount(),
            address.sha256(),
            List.of(volume.columns(), volume.rows(), volume.slices()),
            boxed(volume.spacing()),
            boxed(volume.origin()),
            boxed(direction),
            null);
    volumes.save(series.tenant(), ready);
    log.info(
        "Series {}: volume {}x{}x{} at {} mm ({})",
        series.seriesUid(),
        volume.columns(),
        volume.rows(),
        volume.slices(),
        Arrays.toString(volume.spacing()),
        address);
    return ready;
  }

  private void announce(TenantId tenant, VolumeEvent volume) {
    EventPublisher events = publisher.getIfAvailable();
    if (events == null) {
      return;
    }
    String type = volume.reason() == null ? VolumeEvent.READY : VolumeEvent.REFUSED;
    try {
      events
          .publish(
              Topic.MEDICAL_STUDIES,
              volume.studyInstanceUid(),
              EventEnvelope.of(tenant, type, volume))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.error("Could not publish {} for series {}", type, volume.seriesInstanceUid(), e);
    }
  }

  private static List<Double> boxed(double[] values) {
    return DoubleStream.of(values).boxed().toList();
  }

  @Override
  public void start() {
    if (!properties.enabled()) {
      return;
    }
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("series-completion").daemon().factory());
    long interval = properties.pollInterval().toMillis();
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            completeQuietSeries();
          } catch (RuntimeException e) {
            log.error("Series completion round failed", e);
          }
        },
        interval,
        interval,
        TimeUnit.MILLISECONDS);
    scheduler = executor;
  }

  @Override
  public void stop() {
    ScheduledExecutorService executor = scheduler;
    scheduler = null;
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }
}
