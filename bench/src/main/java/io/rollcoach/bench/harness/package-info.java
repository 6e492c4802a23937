/** The latency, scale, memory and fault harness: the gateway as a separate process, fed through real ptys. */
package io.rollcoach.bench.harness;
