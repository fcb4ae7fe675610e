package ai.stratum.medical.detection.internal;

import ai.stratum.core.events.EventEnvelope;
import ai.stratum.core.events.EventEnvelopeDeserializer;
import ai.stratum.core.events.Topic;
import ai.stratum.core.storage.ContentAddress;
import ai.stratum.core.storage.ContentStore;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.medical.detection.Analysis;
import ai.stratum.medical.detection.DetectionProperties;
import ai.stratum.medical.detection.NoduleDetector;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.imaging.Volume;
import ai.stratum.medical.imaging.VolumeEvent;
import ai.stratum.medical.store.DicomStore;
import ai.stratum.medical.store.StoredInstance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A detection worker: a member of the Kafka consumer group {@code stratum.medical.detection.group}
 * on {@code medical.studies}, so adding workers adds throughput (up to the topic's partitions).
 * Each volume event becomes an {@link Analysis}: findings for a chest CT fit for analysis,
 * otherwise the reason it was not analysed. The analysis is saved with its report pending, then
 * published in-process for the report; the event counts as handled once the report is recorded, so
 * a re-delivered event whose report was lost to a crash makes the report. An event that keeps
 * failing is recorded as not analysed, with the failure as the reason, so its study still gets a
 * report.
 */
@Component
public class DetectionWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DetectionWorker.class);

  /** Deliveries of an event before its failure is recorded as the outcome. */
  private static final int ATTEMPTS = 3;

  /** Body parts (0018,0015) a chest CT may carry; an absent one is accepted. */
  private static final Set<String> CHEST =
      Set.of("CHEST", "THORAX", "LUNG", "CHEST_ABDOMEN", "CHESTABDOMEN", "CHEST_TO_PELVIS");

  private final DetectionProperties properties;
  private final KafkaProperties kafka;
  private final DicomStore store;
  private final ContentStore content;
  private final AnalysisRepository analyses;
  private final ApplicationEventPublisher events;
  private final NoduleDetector classical;
  private final NoduleDetector withCnn;
  private final ServedPatchClassifier cnn;
  private @Nullable ConcurrentMessageListenerContainer<String, EventEnvelope<VolumeEvent>>
      container;

  DetectionWorker(
      DetectionProperties properties,
      KafkaProperties kafka,
      DicomStore store,
      ContentStore content,
      AnalysisRepository analyses,
      ApplicationEventPublisher events,
      ServedPatchClassifier cnn) {
    this.properties = properties;
    this.kafka = kafka;
    this.store = store;
    this.content = content;
    this.analyses = analyses;
    this.events = events;
    this.cnn = cnn;
    this.classical = new NoduleDetector(properties);
    this.withCnn = new NoduleDetector(properties, cnn);
  }

  /** Analyses one volume event unless it was handled before; public for direct use in tools. */
  public void handle(EventEnvelope<VolumeEvent> envelope) throws IOException {
    VolumeEvent volume = envelope.payload();
    Optional<Boolean> reportPending =
        analyses.reportPending(envelope.tenant(), volume.seriesInstanceUid(), envelope.id());
    if (reportPending.isPresent()) {
      if (reportPending.get()) {
        log.info(
            "Series {}: analysed before, report pending; reporting", volume.seriesInstanceUid());
        publishPendingReport(envelope.tenant(), volume.seriesInstanceUid());
      }
      return;
    }
    Map<String, Double> stages = new LinkedHashMap<>();
    long started = System.nanoTime();
    Optional<String> refusal = refusal(envelope);
    Analysis analysis;
    if (refusal.isPresent()) {
      analysis = notAnalysed(envelope, refusal.get(), null, stages);
    } else {
      Volume loaded = load(volume);
      stages.put("load", seconds(started));
      // the CNN scores candidates once the inference core serves it; until then the blob score
      boolean served = cnn.available();
      NoduleDetector.Detection detection = (served ? withCnn : classical).detect(loaded);
      detection.stageSeconds().forEach((stage, s) -> stages.put(stage, Math.round(s * 1e3) / 1e3));
      if (detection.lungVolumeMl() < properties.minLungVolumeMl()) {
        analysis =
            notAnalysed(
                envelope,
                String.format(
                    Locale.ROOT,
                    "no aerated lungs in the volume (%.0f ml, at least %.0f ml needed): not a chest CT",
                    detection.lungVolumeMl(),
                    properties.minLungVolumeMl()),
                detection.lungVolumeMl(),
                stages);
      } else {
        analysis =
            new Analysis(
                envelope.tenant(),
                volume.studyInstanceUid(),
                volume.seriesInstanceUid(),
                true,
                null,
                detection.lungVolumeMl(),
                detection.findings().stream()
                    .filter(f -> f.probability() >= properties.reportProbability())
                    .toList(),
                stages,
                Instant.now());
      }
    }
    long saving = System.nanoTime();
    analyses.save(envelope.id(), analysis);
    stages.put("save", seconds(saving));
    log.info(
        "Series {}: {} ({} findings) in {}",
        volume.seriesInstanceUid(),
        analysis.analysed() ? "analysed" : "not analysed: " + analysis.reason(),
        analysis.findings().size(),
        stages);
    events.publishEvent(analysis);
  }

  private void publishPendingReport(TenantId tenant, String seriesUid) {
    analyses.pendingReport(tenant, seriesUid).ifPresent(p -> events.publishEvent(p.analysis()));
  }

  /**
   * Called once an event failed {@link #ATTEMPTS} times: records the series as not analysed with
   * the failure as the reason, so its study gets a report that says why instead of none. There is
   * no dead-letter topic for medical (the topic catalogue in ARCHITECTURE.md is a contract). An
   * event whose analysis is saved and only the report fails is left to the pending-report sweep.
   * When this throws too (database down), the error handler keeps the event and tries it again.
   */
  private void recordFailure(ConsumerRecord<?, ?> record, Exception failure) {
    if (!(record.value() instanceof EventEnvelope<?> raw)
        || !(raw.payload() instanceof VolumeEvent volume)) {
      log.error(
          "Unreadable event at {}-{}@{} skipped",
          record.topic(),
          record.partition(),
          record.offset());
      return;
    }
    @SuppressWarnings("unchecked")
    EventEnvelope<VolumeEvent> envelope = (EventEnvelope<VolumeEvent>) raw;
    if (analyses
        .reportPending(envelope.tenant(), volume.seriesInstanceUid(), envelope.id())
        .isPresent()) {
      log.error(
          "Report of series {} failed {} times; the pending-report sweep retries it",
          volume.seriesInstanceUid(),
          ATTEMPTS,
          failure);
      return;
    }
    Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
    String reason =
        "the analysis failed "
            + ATTEMPTS
            + " times: "
            + (cause.getMessage() == null ? cause.toString() : cause.getMessage());
    log.error("Series {}: {}", volume.seriesInstanceUid(), reason, failure);
    Analysis analysis = notAnalysed(envelope, reason, null, Map.of());
    analyses.save(envelope.id(), analysis);
    events.publishEvent(analysis);
  }

  private Analysis notAnalysed(
      EventEnvelope<VolumeEvent> envelope,
      String reason,
      @Nullable Double lungVolumeMl,
      Map<String, Double> stages) {
    VolumeEvent volume = envelope.payload();
    return new Analysis(
        envelope.tenant(),
        volume.studyInstanceUid(),
        volume.seriesInstanceUid(),
        false,
        reason,
        lungVolumeMl,
        List.of(),
        stages,
        Instant.now());
  }

  /** Why the series cannot be analysed at all, judged before touching its voxels. */
  private Optional<String> refusal(EventEnvelope<VolumeEvent> envelope) throws IOException {
    VolumeEvent volume = envelope.payload();
    if (volume.reason() != null || volume.volumeSha256() == null) {
      return Optional.of("the series does not make a volume: " + volume.reason());
    }
    List<StoredInstance> instances =
        store.instances(envelope.tenant(), volume.studyInstanceUid(), volume.seriesInstanceUid());
    if (instances.isEmpty()) {
      return Optional.of("the series has no stored instances");
    }
    DicomObject first = store.read(instances.getFirst());
    String modality = first.string(DicomTags.MODALITY).orElse("");
    if (!modality.equals("CT")) {
      return Optional.of("not a CT series (modality " + modality + ")");
    }
    Optional<String> bodyPart = first.string(DicomTags.BODY_PART_EXAMINED);
    if (bodyPart.isPresent() && !CHEST.contains(bodyPart.get().toUpperCase(Locale.ROOT))) {
      return Optional.of("body part examined is " + bodyPart.get() + ", not the chest");
    }
    if (volume.sliceCount() < properties.minSlices()) {
      return Optional.of(
          "only "
              + volume.sliceCount()
              + " slices; at least "
              + properties.minSlices()
              + " are needed to cover the lungs");
    }
    List<Integer> dimensions = volume.dimensions();
    List<Double> spacing = volume.spacing();
    if (dimensions != null && spacing != null && volume.sliceCount() > 1) {
      double extent = (dimensions.get(2) - 1) * spacing.get(2);
      double sliceSpacing = extent / (volume.sliceCount() - 1);
      if (sliceSpacing > properties.maxSliceSpacingMm()) {
        return Optional.of(
            String.format(
                Locale.ROOT,
                "slices are %.1f mm apart; at most %.1f mm resolves small nodules",
                sliceSpacing,
                properties.maxSliceSpacingMm()));
      }
    }
    return Optional.empty();
  }

  private Volume load(VolumeEvent event) throws IOException {
    List<Integer> d = event.dimensions();
    List<Double> spacing = event.spacing();
    List<Double> origin = event.origin();
    List<Double> direction = event.direction();
    if (d == null || spacing == null || origin == null || direction == null) {
      throw new IllegalArgumentException("volume event without geometry");
    }
    byte[] bytes;
    try (InputStream in =
        content
            .open(new ContentAddress(event.volumeSha256()))
            .orElseThrow(() -> new IOException("volume " + event.volumeSha256() + " missing"))) {
      bytes = in.readAllBytes();
    }
    short[] hounsfield = new short[bytes.length / 2];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(hounsfield);
    return new Volume(
        d.get(0),
        d.get(1),
        d.get(2),
        array(spacing),
        array(origin),
        array(direction.subList(0, 3)),
        array(direction.subList(3, 6)),
        array(direction.subList(6, 9)),
        hounsfield);
  }

  private static double[] array(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double seconds(long startedNanos) {
    return Math.round((System.nanoTime() - startedNanos) / 1e6) / 1e3;
  }

  @Override
  public void start() {
    if (!properties.enabled()) {
      return;
    }
    Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // one study at a time per consumer: detection takes seconds, so a long poll gap is normal
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000);
    DefaultKafkaConsumerFactory<String, EventEnvelope<VolumeEvent>> consumers =
        new DefaultKafkaConsumerFactory<>(
            config, new StringDeserializer(), new EventEnvelopeDeserializer<>(VolumeEvent.class));
    ContainerProperties containerProperties =
        new ContainerProperties(Topic.MEDICAL_STUDIES.topicName());
    containerProperties.setGroupId(properties.group());
    containerProperties.setAckMode(ContainerProperties.AckMode.RECORD);
    containerProperties.setMessageListener(
        (MessageListener<String, EventEnvelope<VolumeEvent>>) this::onRecord);
    ConcurrentMessageListenerContainer<String, EventEnvelope<VolumeEvent>> listener =
        new ConcurrentMessageListenerContainer<>(consumers, containerProperties);
    listener.setConcurrency(properties.concurrency());
    // retries for transient failures (database, storage), then the failure itself is recorded
    listener.setCommonErrorHandler(
        new DefaultErrorHandler(this::recordFailure, new FixedBackOff(2_000, ATTEMPTS - 1)));
    listener.setBeanName("medicalDetectionWorker");
    listener.start();
    container = listener;
  }

  private void onRecord(ConsumerRecord<String, EventEnvelope<VolumeEvent>> record) {
    try {
      handle(record.value());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the volume of " + record.key(), e);
    }
  }

  @Override
  public void stop() {
    ConcurrentMessageListenerContainer<String, EventEnvelope<VolumeEvent>> listener = container;
    container = null;
    if (listener != null) {
      listener.stop();
    }
  }

  @Override
  public boolean isRunning() {
    return container != null;
  }
}
