package ai.stratum.core.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ai.stratum.core.json.JsonAutoConfiguration;
import ai.stratum.core.tenancy.TenancyAutoConfiguration;
import ai.stratum.core.tenancy.TenantContext;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

// Stratum services enable Boot's problem details too; ours must still be the one that answers
@WebMvcTest(properties = "spring.mvc.problemdetails.enabled=true")
@Import(ProblemTestController.class)
@ImportAutoConfiguration({
  WebAutoConfiguration.class,
  TenancyAutoConfiguration.class,
  JsonAutoConfiguration.class
})
class ProblemDetailsTest {

  private static final String TYPES = "https://stratum.ai/problems/";

  @Autowired MockMvc mvc;

  @Test
  void rendersValidationFailuresAs400WithTheOffendingFields() throws Exception {
    mvc.perform(
            post("/cases")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\":\" \",\"priority\":0}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(TYPES + "invalid-request"))
        .andExpect(jsonPath("$.title").value("Invalid request"))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.detail").value("2 fields are invalid."))
        .andExpect(jsonPath("$.instance").value("/cases"))
        .andExpect(jsonPath("$.errors.length()").value(2))
        .andExpect(jsonPath("$.errors[?(@.field == 'title')].message").value("must not be blank"))
        .andExpect(
            jsonPath("$.errors[?(@.field == 'priority')].message").value("must be greater than 0"));
  }

  @Test
  void rendersInvalidRequestParametersAs400WithTheParameterName() throws Exception {
    mvc.perform(get("/scores").param("limit", "-1"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value(TYPES + "invalid-request"))
        .andExpect(jsonPath("$.errors[0].field").value("limit"))
        .andExpect(jsonPath("$.errors[0].message").value("must be greater than 0"));
  }

  @Test
  void rendersMalformedJsonAs400() throws Exception {
    mvc.perform(post("/cases").contentType(MediaType.APPLICATION_JSON).content("{\"title\":"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value(TYPES + "invalid-request"))
        .andExpect(jsonPath("$.instance").value("/cases"));
  }

  @Test
  void rendersUnknownResourcesAs404() throws Exception {
    mvc.perform(get("/cases/c-42"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(TYPES + "not-found"))
        .andExpect(jsonPath("$.title").value("Not found"))
        .andExpect(jsonPath("$.status").value(404))
        .andExpect(jsonPath("$.detail").value("No case 'c-42' exists."))
        .andExpect(jsonPath("$.instance").value("/cases/c-42"));
  }

  @Test
  void rendersUnmappedPathsAs404() throws Exception {
    mvc.perform(get("/no/such/endpoint"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value(TYPES + "not-found"))
        .andExpect(jsonPath("$.instance").value("/no/such/endpoint"));
  }

  @Test
  void rendersUnsupportedMethodsAs405() throws Exception {
    mvc.perform(post("/tenant"))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(jsonPath("$.type").value(TYPES + "method-not-allowed"));
  }

  @Test
  void rendersConflictsAs409() throws Exception {
    mvc.perform(post("/cases/c-7/close"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value(TYPES + "conflict"))
        .andExpect(jsonPath("$.detail").value("Case c-7 is already closed."));
  }

  @Test
  void rendersOversizedPayloadsAs413() throws Exception {
    mvc.perform(post("/uploads"))
        .andExpect(status().isContentTooLarge())
        .andExpect(jsonPath("$.type").value(TYPES + "payload-too-large"))
        .andExpect(jsonPath("$.detail").value("The request body exceeds the limit of 1024 bytes."));
  }

  @Test
  void rendersOverloadAs503WithRetryAfterRoundedUp() throws Exception {
    mvc.perform(get("/scores").param("limit", "10"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "2"))
        .andExpect(jsonPath("$.type").value(TYPES + "overloaded"))
        .andExpect(jsonPath("$.detail").value("The scoring queue is full."));
  }

  @Test
  void rendersUnexpectedErrorsAs500WithoutInternals() throws Exception {
    mvc.perform(get("/crash"))
        .andExpect(status().isInternalServerError())
        .andExpect(jsonPath("$.type").value(TYPES + "internal-error"))
        .andExpect(jsonPath("$.title").value("Internal error"))
        .andExpect(jsonPath("$.detail").value("An unexpected error occurred; it has been logged."))
        .andExpect(jsonPath("$.instance").value("/crash"))
        .andExpect(content().string(not(containsString("db-7"))))
        .andExpect(content().string(not(containsString("IllegalStateException"))));
  }

  @Test
  void runsTheHandlerForTheTenantInTheHeaderAndClearsItAfterwards() throws Exception {
    mvc.perform(get("/tenant").header("X-Stratum-Tenant", "st-marys"))
        .andExpect(status().isOk())
        .andExpect(content().string("st-marys"));

    assertThat(TenantContext.current()).isEmpty();
  }

  @Test
  void rendersAMissingTenantAs400() throws Exception {
    mvc.perform(get("/tenant"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value(TYPES + "tenant-required"));
  }

  @Test
  void rendersAMalformedTenantHeaderAs400() throws Exception {
    mvc.perform(get("/tenant").header("X-Stratum-Tenant", "../../etc"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value(TYPES + "invalid-request"))
        .andExpect(jsonPath("$.detail").value("Header X-Stratum-Tenant is not a valid tenant id."));
    assertThat(TenantContext.current()).isEmpty();
  }

  @Test
  void rendersErrorsRaisedOutsideHandlersAsProblems() throws Exception {
    mvc.perform(
            get("/error")
                .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 401)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/cases")
                .requestAttr(RequestDispatcher.ERROR_MESSAGE, "Token expired."))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.type").value(TYPES + "unauthorized"))
        .andExpect(jsonPath("$.detail").value("Token expired."))
        .andExpect(jsonPath("$.instance").value("/cases"));
  }

  @Test
  void hidesTheMessageOfServerErrorsRaisedOutsideHandlers() throws Exception {
    mvc.perform(
            get("/error")
                .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
                .requestAttr(RequestDispatcher.ERROR_MESSAGE, "NullPointerException in Filter"))
        .andExpect(status().isInternalServerError())
        .andExpect(jsonPath("$.type").value(TYPES + "internal-error"))
        .andExpect(content().string(not(containsString("NullPointer"))));
  }
}
