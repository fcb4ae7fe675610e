package ai.stratum.medical;

import ai.stratum.core.service.StratumApplication;
import ai.stratum.core.service.StratumService;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Hospitals send CT studies over DICOMweb and DIMSE; nodule detection and structured reports. */
@StratumService(name = "medical", schema = "medical", port = 8081)
@SpringBootApplication
public class MedicalApplication {

  public static void main(String[] args) {
    StratumApplication.run(MedicalApplication.class, args);
  }
}
