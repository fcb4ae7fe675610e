package ai.stratum.core.web;

import org.springframework.boot.SpringBootConfiguration;

/** The smallest application the web slice tests can boot. */
@SpringBootConfiguration
class WebTestApplication {}
