/** Speaking the coach through the gateway's own speaker with espeak-ng, for a Pi with no screen open. */
package io.rollcoach.gateway.speech;
