package ai.stratum.medical.dicomweb;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxRequestBytes a STOW-RS request body larger than this is cut off with 413 (instances
 *     read before the limit stay stored)
 * @param maxInstanceBytes a single part larger than this is refused (A700)
 */
@ConfigurationProperties("stratum.medical.dicomweb")
public record DicomWebProperties(
    @DefaultValue("4294967296") long maxRequestBytes,
    @DefaultValue("536870912") long maxInstanceBytes) {}
