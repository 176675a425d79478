import * as path from 'path';
import { freshDatabase } from './postgres';

/** The two stores every store-facing test runs against, for `describe.each`. */
export const STORES = [['sqlite'], ['postgres']] as const;
export type StoreKind = (typeof STORES)[number][0];

/** Where a new, empty store of `kind` is: a SQLite file in `dir`, or a fresh database on the test cluster. */
export const newStoreLocation = (kind: StoreKind, dir: string): Promise<string> => (kind === 'sqlite' ? Promise.resolve(path.join(dir, 'onboarding.db')) : freshDatabase());
