/**
 * DIMSE: a C-ECHO / C-STORE SCP (default port 11112, AE title STRATUM) feeding the study store,
 * with calling AE titles allowed per tenant.
 */
@NullMarked
package ai.stratum.medical.dimse;

import org.jspecify.annotations.NullMarked;
