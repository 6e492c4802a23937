/**
 * The YAML configuration and the typed records it becomes: read once at start by one reader, checked whole, every
 * problem reported with its file, line, column and key; edited in place, comments kept, only to write a calibration
 * back.
 */
package io.rollcoach.gateway.config;
