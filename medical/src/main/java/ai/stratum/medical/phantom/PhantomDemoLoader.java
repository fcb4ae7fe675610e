package ai.stratum.medical.phantom;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.medical.store.DicomStore;
import ai.stratum.medical.store.IngestResult;
import ai.stratum.medical.store.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Loads {@code stratum.medical.demo.studies} phantom studies into an empty store at start (the
 * standalone demo); a store that holds anything is left alone, so restarts do not duplicate.
 * Loading runs beside the service rather than before it is ready: a few hundred 512 x 512 slices
 * take a while on a small machine, and the service is useful meanwhile.
 */
@Component
@EnableConfigurationProperties(PhantomDemoProperties.class)
class PhantomDemoLoader implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(PhantomDemoLoader.class);

  private final PhantomDemoProperties properties;
  private final DicomStore store;

  PhantomDemoLoader(PhantomDemoProperties properties, DicomStore store) {
    this.properties = properties;
    this.store = store;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (properties.studies() <= 0 || !store.isEmpty()) {
      return;
    }
    Thread.ofVirtual().name("phantom-demo-loader").start(this::load);
  }

  private void load() {
    TenantId tenant = TenantId.of(properties.tenant());
    for (int study = 1; study <= properties.studies(); study++) {
      PhantomSeries series = PhantomSeries.of(PhantomSpec.chest(properties.slices(), study));
      series.forEachSlice((index, slice) -> {
        if (store.ingest(tenant, slice, Source.LOCAL) instanceof IngestResult.Refused refused) {
          throw new IllegalStateException("phantom slice refused: " + refused.detail());
        }
      });
      log.info(
          "Loaded phantom study {} ({} slices, {} nodules) for tenant {}",
          series.studyInstanceUid(),
          properties.slices(),
          series.nodules().size(),
          tenant);
    }
  }
}
