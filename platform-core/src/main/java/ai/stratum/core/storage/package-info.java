/** Content-addressed blob storage with atomic, crash-safe writes. */
@NullMarked
package ai.stratum.core.storage;

import org.jspecify.annotations.NullMarked;
