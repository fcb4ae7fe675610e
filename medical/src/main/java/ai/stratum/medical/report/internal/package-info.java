/** Report internals: the SR writer, the FHIR mapping and the report index. */
@NullMarked
package ai.stratum.medical.report.internal;

import org.jspecify.annotations.NullMarked;
