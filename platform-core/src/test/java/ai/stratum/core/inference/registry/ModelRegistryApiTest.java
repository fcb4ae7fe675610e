package ai.stratum.core.inference.registry;

import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ai.stratum.core.events.EventsAutoConfiguration;
import ai.stratum.core.inference.PlatformModelsTopic;
import ai.stratum.core.json.JsonAutoConfiguration;
import ai.stratum.core.storage.StorageAutoConfiguration;
import ai.stratum.core.web.WebAutoConfiguration;
import ai.stratum.test.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@RealInfrastructure
@WebMvcTest(properties = "stratum.core.inference.registry-api.enabled=true")
@ImportAutoConfiguration({
  DataSourceAutoConfiguration.class,
  KafkaAutoConfiguration.class,
  JsonAutoConfiguration.class,
  StorageAutoConfiguration.class,
  EventsAutoConfiguration.class,
  ModelRegistryAutoConfiguration.class,
  WebAutoConfiguration.class
})
class ModelRegistryApiTest {

  private static final String PROBLEMS = "https://stratum.ai/problems/";
  private static final String METADATA =
      """
      {"framework": "xgboost",
       "signature": {"inputs": [{"name": "features", "dataType": "float32", "shape": [4]}],
                     "outputs": [{"name": "probability", "dataType": "float32", "shape": [1]}]},
       "metrics": {"auc": 0.93},
       "createdBy": "trainer@learning"}
      """;

  @SpringBootConfiguration
  static class RegistryApiApplication {}

  @DynamicPropertySource
  static void storage(DynamicPropertyRegistry registry) throws Exception {
    String root = Files.createTempDirectory("registry-api").toString();
    registry.add("stratum.core.storage.root", () -> root);
  }

  @BeforeAll
  static void createTopic() throws Exception {
    PlatformModelsTopic.create();
  }

  @Autowired MockMvc mvc;

  private final String name = "api-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void registersPromotesAndRollsBackVersionsOverHttp() throws Exception {
    register("booster one")
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/models/" + name + "/versions/1"))
        .andExpect(jsonPath("$.version").value(1))
        .andExpect(jsonPath("$.stage").value("staging"))
        .andExpect(jsonPath("$.framework").value("xgboost"))
        .andExpect(jsonPath("$.signature.inputs[0].dataType").value("float32"))
        .andExpect(jsonPath("$.metrics.auc").value(0.93))
        .andExpect(jsonPath("$.sha256").value(hasLength64()));
    register("booster two").andExpect(jsonPath("$.version").value(2));

    stageChange("/versions/1/promote").andExpect(jsonPath("$.stage").value("production"));
    stageChange("/versions/2/promote")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.stage").value("production"));
    mvc.perform(get("/api/models/" + name + "/production"))
        .andExpect(jsonPath("$.version").value(2));
    stageChange("/rollback").andExpect(status().isOk()).andExpect(jsonPath("$.version").value(1));

    mvc.perform(get("/api/models/" + name + "/versions"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$", hasSize(2)))
        .andExpect(jsonPath("$[0].version").value(2))
        .andExpect(jsonPath("$[0].stage").value("archived"))
        .andExpect(jsonPath("$[1].stage").value("production"));
    mvc.perform(get("/api/models/" + name + "/versions/2"))
        .andExpect(jsonPath("$.createdBy").value("trainer@learning"));
  }

  @Test
  void answersProblemDetailsForUnknownModelsBadRegistrationsAndForbiddenTransitions()
      throws Exception {
    mvc.perform(get("/api/models/" + name + "/versions"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value(PROBLEMS + "not-found"))
        .andExpect(jsonPath("$.detail").value("No model '" + name + "' is registered."));

    mvc.perform(
            multipart("/api/models/" + name + "/versions")
                .file(
                    new MockMultipartFile(
                        "artifact", "model.ubj", "application/octet-stream", new byte[] {1}))
                .file(
                    new MockMultipartFile(
                        "metadata",
                        "",
                        MediaType.APPLICATION_JSON_VALUE,
                        "{\"framework\": \"xgboost\"}".getBytes())))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value(PROBLEMS + "invalid-request"))
        .andExpect(
            jsonPath("$.detail")
                .value("The metadata part needs framework, signature and createdBy."));

    register("only version").andExpect(status().isCreated());
    stageChange("/versions/1/promote").andExpect(status().isOk());
    stageChange("/versions/1/archive")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value(PROBLEMS + "conflict"))
        .andExpect(
            jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("is in production")));
    stageChange("/rollback")
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.detail")
                .value(org.hamcrest.Matchers.containsString("no earlier production version")));
    mvc.perform(
            post("/api/models/" + name + "/versions/1/promote")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("changedBy must name who changes the stage."));
  }

  private ResultActions register(String artifact) throws Exception {
    return mvc.perform(
        multipart("/api/models/" + name + "/versions")
            .file(
                new MockMultipartFile(
                    "artifact",
                    "model.ubj",
                    "application/octet-stream",
                    artifact.getBytes(StandardCharsets.UTF_8)))
            .file(
                new MockMultipartFile(
                    "metadata",
                    "",
                    MediaType.APPLICATION_JSON_VALUE,
                    METADATA.getBytes(StandardCharsets.UTF_8))));
  }

  private ResultActions stageChange(String path) throws Exception {
    return mvc.perform(
        post("/api/models/" + name + path)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"changedBy\": \"alice\"}"));
  }

  private static org.hamcrest.Matcher<String> hasLength64() {
    return org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}");
  }
}
