import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import { readRunningEngine } from '../this-engine/read-engine.ts';

/** An optional peer dependency: a user who never runs the SQLite workload need not build SQLite. */
export const SQLITE_PACKAGE = 'better-sqlite3';
/**
 * The path of a better-sqlite3 addon built for this Node.js's ABI, set by the harness for hosts on another Node.js
 * than the installed build's (see src/engines/native-addons.ts); unset, better-sqlite3 finds its own build.
 */
export const SQLITE_BINDING_VARIABLE = 'ISOLATION_HARNESS_BETTER_SQLITE3_BINDING';

/** What the SQLite workload needs of a database, the same through every engine's driver. */
export interface SqliteDatabase {
  exec(sql: string): void;
  prepare(sql: string): { run(...parameters: (string | number)[]): unknown; all(...parameters: (string | number)[]): unknown[] };
  close(): void;
}

type Open = (path: string) => SqliteDatabase;
const require = createRequire(import.meta.url);

/**
 * Each engine's SQLite: better-sqlite3 on Node.js, the package users install there; Bun's own bun:sqlite and Deno's
 * node:sqlite where better-sqlite3, an addon of Node.js's own API, does not load (Deno 2.9 refuses it as a legacy
 * addon; Bun 1.4 says it is "not yet supported in Bun"). The three speak SQL to the same library, and write the same files.
 */
const DRIVERS: Readonly<Record<string, { readonly name: string; readonly open: Open }>> = {
  node: { name: SQLITE_PACKAGE, open: openBetterSqlite },
  bun: { name: 'bun:sqlite', open: (path) => new (require('bun:sqlite') as { Database: new (path: string) => SqliteDatabase }).Database(path) },
  deno: { name: 'node:sqlite', open: (path) => new (require('node:sqlite') as { DatabaseSync: new (path: string) => SqliteDatabase }).DatabaseSync(path) },
};

/** The driver of the engine running this code. */
export function sqliteDriver(): { readonly name: string; readonly open: Open } {
  return DRIVERS[readRunningEngine().name] ?? DRIVERS.node!;
}

function openBetterSqlite(path: string): SqliteDatabase {
  const DatabaseClass = require(SQLITE_PACKAGE) as typeof Database;
  const nativeBinding = process.env[SQLITE_BINDING_VARIABLE];
  return new DatabaseClass(path, nativeBinding === undefined || nativeBinding === '' ? {} : { nativeBinding });
}
