import { frameworkBundle } from './helpers';

/** Builds the framework test bundle once, before the workers start, so no two build it at once. */
export default function globalSetup(): void {
  frameworkBundle();
}
