package ai.stratum.medical.detection;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DetectionProperties.class)
class DetectionConfiguration {}
