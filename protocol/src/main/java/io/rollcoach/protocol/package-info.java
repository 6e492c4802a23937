/** Protocol v1 between roller firmware and gateway: framing, checksums and message flyweights, without I/O. */
package io.rollcoach.protocol;
