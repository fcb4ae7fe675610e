package ai.stratum.learning;

import ai.stratum.core.service.StratumApplication;
import ai.stratum.core.service.StratumService;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Labelled feedback flows back; models are retrained, gated, promoted and hot-swapped. */
@StratumService(name = "continual-learning", schema = "learning", port = 8083)
@SpringBootApplication
public class ContinualLearningApplication {

  public static void main(String[] args) {
    StratumApplication.run(ContinualLearningApplication.class, args);
  }
}
