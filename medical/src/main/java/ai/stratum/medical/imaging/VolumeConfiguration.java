package ai.stratum.medical.imaging;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VolumeProperties.class)
class VolumeConfiguration {}
