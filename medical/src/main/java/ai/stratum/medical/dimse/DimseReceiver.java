package ai.stratum.medical.dimse;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.medical.dicom.Dicom;
import ai.stratum.medical.dicom.DicomFormatException;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.dicom.DimseStatus;
import ai.stratum.medical.dicom.ReceivedDataset;
import ai.stratum.medical.dicom.StoreScp;
import ai.stratum.medical.dicom.StoreScpSettings;
import ai.stratum.medical.dicom.UnsupportedTransferSyntaxException;
import ai.stratum.medical.store.DicomStore;
import ai.stratum.medical.store.IngestResult;
import ai.stratum.medical.store.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the C-STORE SCP while the service runs and stores what it receives under the tenant its
 * calling AE title is registered for.
 */
@Component
public class DimseReceiver implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DimseReceiver.class);

  private final DimseProperties properties;
  private final DicomStore store;
  private final Map<String, TenantId> tenantsByCallingAe;
  private @Nullable StoreScp scp;

  DimseReceiver(DimseProperties properties, DicomStore store) {
    this.properties = properties;
    this.store = store;
    this.tenantsByCallingAe = tenantsByCallingAe(properties.tenants());
  }

  private static Map<String, TenantId> tenantsByCallingAe(Map<String, List<String>> tenants) {
    Map<String, TenantId> byAe = new HashMap<>();
    tenants.forEach((tenant, titles) -> {
      TenantId id = TenantId.of(tenant);
      for (String title : titles) {
        TenantId previous = byAe.put(title.strip(), id);
        if (previous != null && !previous.equals(id)) {
          throw new IllegalStateException(
              "calling AE title "
                  + title
                  + " is listed for tenants "
                  + previous
                  + " and "
                  + id
                  + " (stratum.medical.dimse.tenants); each AE title may belong to one tenant");
        }
      }
    });
    return Map.copyOf(byAe);
  }

  /** The bound port, once started. */
  public int port() {
    StoreScp running = scp;
    if (running == null) {
      throw new IllegalStateException("the DIMSE receiver is not running");
    }
    return running.port();
  }

  DimseStatus store(ReceivedDataset received) {
    TenantId tenant = tenantsByCallingAe.get(received.callingAeTitle());
    if (tenant == null) {
      // the association check makes this unreachable unless the configuration changed under us
      return DimseStatus.failure(DimseStatus.NOT_AUTHORIZED, "Calling AE title not registered");
    }
    DicomObject object;
    try {
      object = Dicom.reader().readDataset(received.dataset(), received.transferSyntaxUid());
    } catch (UnsupportedTransferSyntaxException e) {
      return DimseStatus.failure(0xC122, e.getMessage());
    } catch (DicomFormatException e) {
      return DimseStatus.failure(DimseStatus.CANNOT_UNDERSTAND, e.getMessage());
    }
    if (!object.string(DicomTags.SOP_INSTANCE_UID).orElse("").equals(received.sopInstanceUid())) {
      return DimseStatus.failure(
          DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
          "SOP Instance UID differs from the C-STORE request's");
    }
    return switch (store.ingest(tenant, object, Source.DIMSE)) {
      case IngestResult.Stored stored -> DimseStatus.success();
      case IngestResult.Refused refused ->
          DimseStatus.failure(refused.reason().dicomCode(), refused.detail());
    };
  }

  @Override
  public void start() {
    if (!properties.enabled()) {
      return;
    }
    try {
      scp =
          Dicom.startStoreScp(
              new StoreScpSettings(
                  properties.aeTitle(),
                  properties.port(),
                  tenantsByCallingAe::containsKey,
                  properties.maxObjectBytes(),
                  properties.idleTimeout()),
              this::store);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen for DIMSE on port "
              + properties.port()
              + " (stratum.medical.dimse.port): "
              + e.getMessage(),
          e);
    }
    log.info(
        "DIMSE C-STORE SCP {} on port {} for calling AE titles {}",
        properties.aeTitle(),
        scp.port(),
        tenantsByCallingAe.keySet());
  }

  @Override
  public void stop() {
    StoreScp running = scp;
    scp = null;
    if (running != null) {
      running.close();
    }
  }

  @Override
  public boolean isRunning() {
    return scp != null;
  }
}
