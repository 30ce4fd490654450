/**
 * Agents that talk through messages: a planner sends a task on a Spring Messaging channel to a
 * reviewer, which replies on another channel; ag2 traces each message as an envelope between the
 * turns.
 */
@NullMarked
package ai.ag2.tracing.sample.network;

import org.jspecify.annotations.NullMarked;
