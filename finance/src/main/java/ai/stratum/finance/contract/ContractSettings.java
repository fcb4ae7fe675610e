package ai.stratum.finance.contract;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxRecordBytes transactions larger than this are refused unread (dead-letter topic, or
 *     HTTP 413); a valid transaction is well under 2 KiB
 */
@ConfigurationProperties("stratum.finance.contract")
public record ContractSettings(@DefaultValue("16384") int maxRecordBytes) {}
