import { version } from '../../../package.json';

/** How cordon names itself in machine-readable outputs. */
export const TOOL = { name: 'cordon', version } as const;
