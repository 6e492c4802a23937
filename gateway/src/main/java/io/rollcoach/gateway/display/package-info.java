/** The paired display: an HTTP server with a live page per roller, Server-Sent Events and the command API. */
package io.rollcoach.gateway.display;
