/**
 * Lung nodule detection: the detection workers consume volume-ready events from {@code
 * medical.studies}, check the series is a chest CT fit for analysis, find nodules (lung mask,
 * multi-scale blob candidates, shape test, 3D non-maximum suppression, size, density, uncertainty)
 * and keep the findings per tenant.
 */
@NullMarked
package ai.stratum.medical.detection;

import org.jspecify.annotations.NullMarked;
