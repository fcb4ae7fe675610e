package ai.stratum.core.json;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Gives Boot's JsonMapper (HTTP APIs, actuator) the same settings as {@link StratumJson#mapper()}.
 */
@AutoConfiguration(before = JacksonAutoConfiguration.class)
@ConditionalOnClass(JsonMapperBuilderCustomizer.class)
public final class JsonAutoConfiguration {

  @Bean
  JsonMapperBuilderCustomizer stratumJsonSettings() {
    return StratumJson::configure;
  }
}
