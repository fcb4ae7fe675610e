package ai.stratum.core.web;

import ai.stratum.core.web.internal.ProblemDetailsAdvice;
import ai.stratum.core.web.internal.ProblemErrorController;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Problem details for every error of a servlet service. Registered before Boot's MVC configuration
 * so Boot's own problem-details handler and error controller back off.
 */
@AutoConfiguration(before = {WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class WebAutoConfiguration {

  @Bean
  ProblemDetailsAdvice stratumProblemDetailsAdvice() {
    return new ProblemDetailsAdvice();
  }

  @Bean
  ProblemErrorController stratumProblemErrorController() {
    return new ProblemErrorController();
  }
}
