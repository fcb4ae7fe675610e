package ai.stratum.medical.report;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ForwardingProperties.class, ReportProperties.class})
class ForwardingConfiguration {}
