/**
 * The model registry: versions of every model with their stage (staging, production, archived),
 * artifact sha256, framework, signature, metrics and lineage, in PostgreSQL schema {@code
 * model_registry}; artifacts in the content store. Promotions and rollbacks are announced on {@code
 * platform.models}.
 */
@NullMarked
package ai.stratum.core.inference.registry;

import org.jspecify.annotations.NullMarked;
