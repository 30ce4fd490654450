/**
 * Envelope tracing in applications whose agents talk over Spring Integration channels and Kafka
 * topics.
 */
@NullMarked
package ai.ag2.tracing.messaging;

import org.jspecify.annotations.NullMarked;
