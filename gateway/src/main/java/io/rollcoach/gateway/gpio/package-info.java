/**
 * Sensors wired straight to the Raspberry Pi's header (ADS1115, HX711, AS5600, quadrature, button), read via Pi4J, and
 * the force sensor's calibration.
 */
package io.rollcoach.gateway.gpio;
