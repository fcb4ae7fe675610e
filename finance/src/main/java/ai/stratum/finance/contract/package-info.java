/**
 * The event contracts of the finance service: transactions in, decisions and labels out. The JSON
 * schemas under {@code contracts/} on the classpath (copies of ../shared/contracts) are the source
 * of truth; {@link ai.stratum.finance.contract.TransactionReader} validates against them.
 */
@NullMarked
package ai.stratum.finance.contract;

import org.jspecify.annotations.NullMarked;
