import { Finding, Report } from '../model';
import { TOOL } from './tool';

const LEVEL = { mandatory: 'error', unverifiable: 'error', advisory: 'warning' } as const;
/** GitHub code scanning ranks security alerts by this 0–10 score. */
const SECURITY_SEVERITY = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' } as const;

const uri = (file: string) => file.split('\\').join('/');

const physical = (file: string, line: number | undefined) => ({ artifactLocation: { uri: uri(file), uriBaseId: '%SRCROOT%' }, ...(line && { region: { startLine: line } }) });

/** Where cordon's code created the construct when known, the synthesized template as a related location; else the template. */
function result(f: Finding, ruleIndex: number, hasBaseline: boolean) {
  const template = physical(f.file, f.line);
  return {
    ruleId: f.rule,
    ruleIndex,
    level: f.status === 'open' ? LEVEL[f.level] : 'note',
    message: { text: `${f.stack} ${f.resource}: ${f.message}` },
    locations: [
      {
        physicalLocation: f.source ? physical(f.source.file, f.source.line) : template,
        logicalLocations: [{ fullyQualifiedName: f.construct ?? `${f.stack}/${f.resource}`, name: f.resource, kind: 'resource' }],
      },
    ],
    ...(f.source && { relatedLocations: [{ id: 1, physicalLocation: template, message: { text: 'the synthesized template' } }] }),
    partialFingerprints: { 'cordon/v1': f.fingerprint },
    properties: { stack: f.stack, path: f.path, controls: f.controls, severity: f.severity },
    ...(f.waiver && { suppressions: [{ kind: 'external', status: 'accepted', justification: `${f.waiver.reason} (approved by ${f.waiver.approver}, expires ${f.waiver.expires})` }] }),
    ...(hasBaseline && { baselineState: f.status === 'baseline' ? 'unchanged' : 'new' }),
  };
}

/** SARIF 2.1.0: every rule of the bundle with its help text, one result per finding with a stable fingerprint. */
export function renderSarif(report: Report): string {
  const index = new Map(report.rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL.name,
            version: TOOL.version,
            semanticVersion: TOOL.version,
            rules: report.rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/[^A-Za-z0-9]/g, ''),
              shortDescription: { text: r.title },
              fullDescription: { text: r.description },
              help: { text: r.remediation, markdown: `**${r.title}**\n\n${r.description}\n\n**Remediation:** ${r.remediation}\n\nControls: ${r.controls.join(', ')}` },
              defaultConfiguration: { level: LEVEL[r.level] },
              properties: { tags: ['security', ...r.controls], 'security-severity': SECURITY_SEVERITY[r.severity], resourceTypes: r.resourceTypes },
            })),
          },
        },
        automationDetails: { id: `cordon/${report.bundle.wasmSha256.slice(0, 12)}/` },
        results: report.findings.map((f) => result(f, index.get(f.rule) ?? -1, report.summary.baseline > 0)),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
