import * as fs from 'fs';
import * as path from 'path';
import { stageFile, StagedFile } from '../../store/files';
import { GateError, Report } from '../model';
import { renderEvidenceJson, renderEvidenceMarkdown } from './evidence';
import { renderGithub } from './github';
import { renderHtml } from './html';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';
import { renderTable } from './table';

const OUTPUTTERS: Record<string, (r: Report, o: RenderOptions) => string> = {
  table: renderTable,
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
  github: renderGithub,
  markdown: renderMarkdown,
  evidence: renderEvidenceJson,
  'evidence-md': renderEvidenceMarkdown,
  html: renderHtml,
};
export const FORMATS = Object.keys(OUTPUTTERS);
/** The outputs that show the values the rules judged (the JSON report carries them to `cordon evidence` and `cordon merge`). */
const SHOW_CHECKED_VALUES = new Set(['json', 'html']);

/** Whether any of the outputs shows the values the rules judged: the gate computes them only then (GateOptions.checkedValues). */
export const needsCheckedValues = (targets: readonly OutputTarget[]) => targets.some((t) => SHOW_CHECKED_VALUES.has(t.format));

export interface OutputTarget {
  readonly format: string;
  /** File to write, or undefined for stdout. */
  readonly file?: string;
}

/** Parses `--format table,json=report.json`. Unknown names are refused, never defaulted. */
export function parseFormats(spec: string): OutputTarget[] {
  const targets = spec.split(',').map((part) => {
    const [format, file, ...rest] = part.trim().split('=');
    if (!OUTPUTTERS[format] || rest.length > 0 || file === '') {
      throw new GateError(`--format: unknown output "${part.trim()}"; expected a comma-separated list of ${FORMATS.join(' | ')}, each optionally =FILE`);
    }
    return { format, file };
  });
  if (targets.filter((t) => !t.file).length > 1) throw new GateError('--format: at most one output may go to stdout; give the others =FILE');
  return targets;
}

/** How an output is drawn: colour only when a person reads stdout on a terminal. */
export interface RenderOptions {
  readonly color?: boolean;
  /** When the report is rendered (the evidence page's date); default now. */
  readonly generated?: Date;
}

/** Writes each output; files are written whole (temporary file, then rename) so CI never reads half a report. */
export function writeOutputs(report: Report, targets: readonly OutputTarget[], stdout: (s: string) => void, stdoutIsTerminal = false): void {
  const rendered = targets.map((t) => ({ t, text: OUTPUTTERS[t.format](report, { color: !t.file && stdoutIsTerminal }) }));
  // All files or none: each is staged first, and only when every one is written are they put in place.
  const staged: StagedFile[] = [];
  for (const { t, text } of rendered.filter((r) => r.t.file)) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(t.file!)), { recursive: true });
      staged.push(stageFile(t.file!, text));
    } catch (e) {
      for (const s of staged) s.discard();
      throw new GateError(`cannot write ${t.format} report to ${t.file}: ${(e as Error).message}; no report file was written`);
    }
  }
  for (const s of staged) s.commit();
  for (const { t, text } of rendered) if (!t.file) stdout(text);
}
