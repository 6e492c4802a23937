/**
 * The paired display: an HTTP server with a live page per roller, Server-Sent Events, the command API, and the
 * addresses a phone on the LAN opens it at.
 */
package io.rollcoach.gateway.display;
