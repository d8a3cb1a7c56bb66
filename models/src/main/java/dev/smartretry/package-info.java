/**
 * Smart Retry's model library: what training and serving share. Sub-packages: {@code history} (the
 * attempts format, reader and writer).
 */
package dev.smartretry;
