/** The coaching vocabulary and the JSON payloads (feedback events, telemetry) every output shares. */
package io.rollcoach.protocol.feedback;
