/**
 * Where the service's data lives: the PostgreSQL named by {@code datasources.default.url} ({@code
 * DATASOURCES_DEFAULT_URL}), else an {@link dev.smartretry.service.database.EmbeddedDatabase} the
 * service runs itself in its data directory ({@code smart-retry.data-dir}, {@code
 * SMART_RETRY_DATA_DIR}, default {@code ./.smart-retry}). Either way Flyway's migrations in {@code
 * db/migration} are the only source of the schema. {@link dev.smartretry.service.database.Rows} is
 * how the stores read rows; {@link dev.smartretry.service.database.TableChanges} and {@link
 * dev.smartretry.service.database.CachedRead} keep what decisions read on every call in memory
 * until it changes.
 */
package dev.smartretry.service.database;
