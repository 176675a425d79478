/** The first line of an error's message (or of the value thrown): errors are reported as one line. */
export const firstLine = (e: unknown): string => String((e as Error)?.message ?? e).split('\n')[0];
