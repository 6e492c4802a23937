/** The running gateway: inputs, one engine per roller, the outbox and its outputs, wired from the configuration. */
package io.rollcoach.gateway.service;
