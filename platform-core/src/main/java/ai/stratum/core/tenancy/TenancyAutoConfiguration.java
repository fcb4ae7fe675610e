package ai.stratum.core.tenancy;

import ai.stratum.core.tenancy.internal.TenantHeaderInterceptor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the tenant of each HTTP request into {@link TenantContext} for the duration of the handler.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(TenancyProperties.class)
public final class TenancyAutoConfiguration {

  @Bean
  WebMvcConfigurer stratumTenantHeader(TenancyProperties properties) {
    TenantHeaderInterceptor interceptor = new TenantHeaderInterceptor(properties.header());
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor);
      }
    };
  }
}
