/**
 * Routes API paths to the services: {@code /api/medical/**} and {@code /dicomweb/**} to medical,
 * {@code /api/finance/**} to finance, {@code /api/models/**} to the model registry, {@code
 * /api/learning/**} to continual learning and {@code /api/privacy/**} to privacy. Bodies stream
 * through in both directions; request bodies are capped per route (413).
 */
@NullMarked
package ai.stratum.gateway.routing;

import org.jspecify.annotations.NullMarked;
