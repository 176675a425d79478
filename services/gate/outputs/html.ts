import { createHash } from 'crypto';
import { loadControls, loadOutsideScope } from '../../toolchain/controls';
import { fails } from '../fail-on';
import { Report } from '../model';
import { buildEvidence } from './evidence';
import type { RenderOptions } from './index';
import { verdict } from './verdict';

/** Every string on the page comes from templates, registries or waivers someone else wrote. */
export const escapeHtml = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export type PromiseStatus = 'pass' | 'fail' | 'waived' | 'unexercised';

const STATUS_TEXT: Record<PromiseStatus, string> = { pass: 'pass', fail: 'fail', waived: 'pass (waived)', unexercised: 'no resource in scope' };

/** Stacks with no tenant label belong to the shared estate; the filter shows them under this value. */
const SHARED = '(shared)';

const CSS = `
:root{--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--mute:#57606a;--line:#d0d7de}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1100px;padding:1.5rem;color:#1f2328}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;margin:1.8rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border:1px solid var(--line);padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}code,.hash{font-family:ui-monospace,monospace;font-size:12px;word-break:break-all}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:1rem;font-weight:600;font-size:12px;color:#fff}
.pass .badge,.badge.pass{background:var(--ok)}.fail .badge,.badge.fail{background:var(--bad)}
.waived .badge,.badge.waived{background:var(--warn)}.unexercised .badge,.badge.unexercised{background:var(--mute)}
.promise{border:1px solid var(--line);border-left:6px solid var(--ok);border-radius:4px;padding:.5rem .8rem;margin:.6rem 0;break-inside:avoid}
.promise.fail{border-left-color:var(--bad);background:#fff5f5}.promise.waived{border-left-color:var(--warn)}.promise.unexercised{border-left-color:var(--mute)}
.promise h3{margin:0 0 .3rem;font-size:1rem}.id{color:var(--mute);font-weight:400}
.counts{display:flex;flex-wrap:wrap;gap:.5rem;margin:.8rem 0}.counts div{border:1px solid var(--line);border-radius:4px;padding:.3rem .7rem}
.counts b{display:block;font-size:1.3rem}.verdict{font-weight:600}.verdict.fail{color:var(--bad)}.verdict.pass{color:var(--ok)}
.filters{position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid var(--line);display:flex;gap:1rem;align-items:center}
.muted{color:var(--mute)}.hidden{display:none}
blockquote{margin:.2rem 0 .4rem;padding:.1rem .7rem;border-left:3px solid var(--line);font-style:italic}cite{font-style:normal;color:var(--mute);font-size:12px}
@media print{.filters{display:none}body{max-width:none;padding:0;font-size:11px}a{color:inherit;text-decoration:none}
h2{break-after:avoid}tr,.promise{break-inside:avoid}.promise.fail{background:none}.badge{border:1px solid #000;color:#000;background:none!important}}
`;

/** Filters by tenant and promise: hides what does not match and recounts what is shown (summing an attribute of the rows where a box says so). Works from file://; nothing runs until a filter changes. */
const JS = `
(function(){
  var STATUS=${JSON.stringify(STATUS_TEXT)};
  var t=document.getElementById('f-tenant'),p=document.getElementById('f-promise');
  function apply(){
    var tv=t.value,pv=p.value;
    document.querySelectorAll('[data-tenant],[data-controls]').forEach(function(el){
      var ok=(!tv||!el.hasAttribute('data-tenant')||el.getAttribute('data-tenant')===tv)
        &&(!pv||!el.hasAttribute('data-controls')||el.getAttribute('data-controls').split(' ').indexOf(pv)>=0);
      el.classList.toggle('hidden',!ok);
    });
    document.querySelectorAll('section.promise').forEach(function(el){
      var s=tv?(JSON.parse(el.getAttribute('data-by-tenant'))[tv]||'unexercised'):el.getAttribute('data-status');
      el.className='promise '+s+(el.classList.contains('hidden')?' hidden':'');
      el.querySelector('.badge').textContent=STATUS[s];
    });
    document.querySelectorAll('[data-count-of]').forEach(function(el){
      var n=0,sum=el.getAttribute('data-sum');
      document.querySelectorAll(el.getAttribute('data-count-of')+':not(.hidden)').forEach(function(r){n+=sum?Number(r.getAttribute(sum)):1;});
      el.textContent=n;
    });
  }
  t.addEventListener('change',apply);p.addEventListener('change',apply);
})();
`;

/** Above this many checked resources the values table is left out of the page (it would not load quickly); a tenant's own page has them. */
export const VALUES_ROW_LIMIT = 5000;
const VALUE_CHARS = 300;

/** As JSON, so the string "true" and the boolean true look different, as they are to the provider. */
const shownValue = (v: unknown): string => {
  const text = JSON.stringify(v);
  return text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS)}… (${text.length} characters)` : text;
};

/** Per resource the rules judge, the property values they judged, as the templates declare them. */
function valuesSection(report: Report, x: typeof escapeHtml): string[] {
  const rulesByType = new Map<string, Report['rules'][number][]>();
  for (const r of report.rules) for (const t of Object.keys(r.checks ?? {})) rulesByType.set(t, [...(rulesByType.get(t) ?? []), r]);
  const rows = report.stacks.flatMap((s) => Object.entries(s.checked ?? {}).map(([address, { type, values }]) => ({ s, address, type, values })));
  const out = [`<h2>Property values checked</h2>`];
  if (rows.length > VALUES_ROW_LIMIT) {
    return [...out, `<p id="values-omitted">${rows.length} resources were checked, too many to list on one page; each tenant's own page (<code>cordon evidence REPORT.json --tenant ID --format html=FILE</code>) lists its resources with the values checked.</p>`];
  }
  out.push(`<p class="muted">Each resource a rule judges, with the value of every property the rules read, as the template declares it ("not set" means the property is absent and the provider's default applies).</p>`
    + `<table id="values"><thead><tr><th>tenant</th><th>resource</th><th>rules</th><th>values</th></tr></thead><tbody>`);
  for (const { s, address, type, values } of rows) {
    const rules = rulesByType.get(type) ?? [];
    const paths = [...new Set(rules.flatMap((r) => r.checks[type]))].sort();
    out.push(`<tr data-tenant="${x(s.tenant ?? SHARED)}" data-controls="${x([...new Set(rules.flatMap((r) => r.controls))].sort().join(' '))}">`
      + `<td>${x(s.tenant ?? SHARED)}</td><td>${x(s.name)}<br><code>${x(address)}</code> <span class="muted">${x(type)}</span></td>`
      + `<td>${rules.map((r) => `<code>${x(r.id)}</code>`).join(' ')}</td>`
      + `<td>${paths.map((p) => `<code>${x(p)}</code> = ${p in values ? `<code>${x(shownValue(values[p]))}</code>` : '<span class="muted">not set</span>'}`).join('<br>')}</td></tr>`);
  }
  out.push(`</tbody></table>`);
  return out;
}

const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

/**
 * The evidence page for a customer's security team or an auditor: one self-contained HTML file
 * (inline CSS and script, no request leaves it; its Content-Security-Policy allows only its own
 * style and script by hash, so even a string that escaped escaping could not run).
 */
export function renderHtml(report: Report, { generated = new Date() }: RenderOptions = {}): string {
  const e = buildEvidence(report);
  const controlsById = new Map(loadControls().map((c) => [c.id, c]));
  const promises = new Map([...controlsById].map(([id, c]) => [id, c.promise]));
  const tenantOf = new Map(report.stacks.map((s) => [s.name, s.tenant ?? SHARED]));
  const tenants = [...new Set(report.stacks.map((s) => s.tenant ?? SHARED))].sort();
  const rulesById = new Map(report.rules.map((r) => [r.id, r]));
  const status = (c: (typeof e.controls)[number]): PromiseStatus =>
    !c.passed ? 'fail' : c.rules.some((r) => r.waived > 0) ? 'waived' : c.rules.every((r) => r.resourcesChecked === 0) ? 'unexercised' : 'pass';
  const ruleBadge = (r: (typeof e.controls)[number]['rules'][number]) =>
    !r.passed ? '<span class="badge fail">fail</span>' : r.resourcesChecked === 0 ? '<span class="badge unexercised">no resource</span>' : '<span class="badge pass">pass</span>';
  const counted = e.controls.map((c) => ({ c, s: status(c) }));
  // Each promise's status per tenant, so filtering to a tenant shows that tenant's result, not the estate's.
  const byTenant = (c: (typeof e.controls)[number]): Record<string, PromiseStatus> => {
    const ids = new Set(c.rules.map((r) => r.id));
    const out: Record<string, PromiseStatus> = {};
    for (const s of report.stacks) {
      const t = s.tenant ?? SHARED;
      if (s.rules.some((id) => ids.has(id)) && !out[t]) out[t] = 'pass';
    }
    for (const f of report.findings) {
      if (!ids.has(f.rule)) continue;
      const t = tenantOf.get(f.stack) ?? SHARED;
      if (fails(f, report.summary.failOn)) out[t] = 'fail';
      else if (f.status === 'waived' && out[t] !== 'fail') out[t] = 'waived';
    }
    return out;
  };
  const tally = (s: PromiseStatus) => counted.filter((x) => x.s === s).length;
  const x = escapeHtml;
  const openByStack = new Map<string, number>();
  for (const f of report.findings) if (f.status === 'open') openByStack.set(f.stack, (openByStack.get(f.stack) ?? 0) + 1);
  const out: string[] = [];

  out.push(`<h1>cordon evidence</h1>`);
  out.push(`<p>Generated <time id="generated" datetime="${x(generated.toISOString())}">${x(generated.toISOString().replace('T', ' ').slice(0, 19))} UTC</time>. `
    + `What this page shows is what the policy bundle below checked in the infrastructure templates below, nothing more.</p>`);
  out.push(`<p class="verdict ${report.summary.passed ? 'pass' : 'fail'}" id="verdict">${x(verdict(report))}</p>`);
  /** A summary box; with `of`, the script recounts the rows shown (summing the attribute `sum` when given). */
  const count = (id: string, n: number, label: string, of?: string, sum?: string) =>
    `<div><b id="count-${id}"${of ? ` data-count-of="${of}"` : ''}${sum ? ` data-sum="${sum}"` : ''}>${n}</b>${x(label)}</div>`;
  out.push(`<div class="counts">${[
    count('tenants', tenants.length, 'tenants'),
    count('stacks', report.summary.stacks, 'stacks', '#stacks tbody tr'),
    count('resources', report.summary.resources, 'resources checked', '#stacks tbody tr', 'data-resources'),
    count('findings', report.summary.findings, 'findings', '#findings tbody tr'),
    count('failing', report.summary.failing, 'failing', '#findings tbody tr.fail'),
    count('waived', report.summary.waived, 'waived', '#findings tbody tr.waived'),
    count('promises-pass', tally('pass'), 'promises kept', 'section.promise.pass'),
    count('promises-fail', tally('fail'), 'promises failing', 'section.promise.fail'),
    count('promises-waived', tally('waived'), 'kept with waivers', 'section.promise.waived'),
    count('promises-unexercised', tally('unexercised'), 'promises with no resource in scope', 'section.promise.unexercised'),
  ].join('')}</div>`);

  out.push(`<div class="filters"><label>Tenant <select id="f-tenant"><option value="">all</option>${tenants.map((t) => `<option>${x(t)}</option>`).join('')}</select></label>`
    + `<label>Promise <select id="f-promise"><option value="">all</option>${e.controls.map((c) => `<option value="${x(c.control)}">${x(c.control)}: ${x(promises.get(c.control) ?? '')}</option>`).join('')}</select></label></div>`);

  out.push(`<h2>Promises</h2>`);
  for (const { c, s } of counted) {
    const failingTenants = [...new Set(report.findings.filter((f) => f.controls.includes(c.control) && fails(f, report.summary.failOn)).map((f) => tenantOf.get(f.stack) ?? SHARED))].sort();
    out.push(`<section class="promise ${s}" id="promise-${x(c.control)}" data-controls="${x(c.control)}" data-status="${s}" data-by-tenant="${x(JSON.stringify(byTenant(c)))}">`
      + `<h3><span class="badge">${STATUS_TEXT[s]}</span> ${x(promises.get(c.control) ?? c.control)} <span class="id">${x(c.control)}</span></h3>`
      + (controlsById.get(c.control)?.says ?? []).map((q) => `<blockquote>${x(q.text)} <cite>— ${x(q.trustCenter)} trust center</cite></blockquote>`).join('')
      + (failingTenants.length > 0 ? `<p>Failing for: ${failingTenants.map(x).join(', ')}</p>` : '')
      + `<table><thead><tr><th>rule</th><th>level</th><th>resources checked</th><th>open</th><th>waived</th><th>result</th></tr></thead><tbody>`
      + c.rules.map((r) => `<tr><td><code>${x(r.id)}</code> ${x(r.title)}</td><td>${x(r.level)}</td><td>${r.resourcesChecked}</td><td>${r.open}</td><td>${r.waived}</td><td>${ruleBadge(r)}</td></tr>`).join('')
      + `</tbody></table>`
      + ((controlsById.get(c.control)?.notCovered.length ?? 0) > 0 ? `<p class="muted not-covered">Not covered yet: ${controlsById.get(c.control)!.notCovered.map(x).join('; ')}.</p>` : '')
      + `</section>`);
  }

  out.push(`<h2>Outside what cordon proves</h2><p>These trust-center promises concern people, contracts or audits, not infrastructure: no template can carry them, so this page neither proves nor disproves them.</p><ul>`
    + loadOutsideScope().map((o) => `<li>${x(o.promise)} <span class="muted">— ${x(o.why)}</span></li>`).join('') + `</ul>`);

  out.push(`<h2>Resources checked per tenant</h2><table id="stacks"><thead><tr><th>tenant</th><th>stack</th><th>format</th><th>resources</th><th>rules applied</th><th>open findings</th></tr></thead><tbody>`);
  for (const s of report.stacks) {
    const controls = [...new Set(s.rules.flatMap((id) => rulesById.get(id)?.controls ?? []))].sort();
    out.push(`<tr data-tenant="${x(s.tenant ?? SHARED)}" data-controls="${x(controls.join(' '))}" data-resources="${s.resources}"><td>${x(s.tenant ?? SHARED)}</td><td>${x(s.name)}<br><code class="muted">${x(s.file)}</code></td><td>${x(s.format)}</td><td>${s.resources}</td><td>${s.rules.length}</td><td>${openByStack.get(s.name) ?? 0}</td></tr>`);
  }
  out.push(`</tbody></table>`);

  out.push(...valuesSection(report, x));

  out.push(`<h2>Findings</h2><p class="muted">Every finding with its status (fail: open and failing the run; open: reported only; waived; baseline); the remediation of each rule follows the table.</p>`
    + `<table id="findings"><thead><tr><th>status</th><th>tenant</th><th>rule</th><th>resource</th><th>finding</th></tr></thead><tbody>`);
  for (const f of report.findings) {
    const st = fails(f, report.summary.failOn) ? 'fail' : f.status === 'open' ? 'open' : f.status;
    out.push(`<tr class="finding ${x(st)}" data-tenant="${x(tenantOf.get(f.stack) ?? SHARED)}" data-controls="${x(f.controls.join(' '))}">`
      + `<td><span class="badge ${st === 'fail' ? 'fail' : st === 'open' ? 'unexercised' : 'waived'}">${x(st)}</span></td><td>${x(tenantOf.get(f.stack) ?? SHARED)}</td>`
      + `<td><code>${x(f.rule)}</code> ${x(f.severity)}</td><td>${x(f.stack)}<br><code>${x(f.resource)}</code>${f.path ? ` <code class="muted">${x(f.path)}</code>` : ''}</td>`
      + `<td>${x(f.message)}</td></tr>`);
  }
  out.push(`</tbody></table>`);
  // Remediation is the rule's, the same for each of its findings: said once per rule keeps large estates' pages small.
  const remediation = [...new Map(report.findings.filter((f) => f.status === 'open').map((f) => [f.rule, f])).values()];
  out.push(`<h3>Remediation</h3><table id="remediation"><thead><tr><th>rule</th><th>remediation</th></tr></thead><tbody>`
    + remediation.map((f) => `<tr data-controls="${x(f.controls.join(' '))}"><td><code>${x(f.rule)}</code> ${x(f.title)}</td><td>${x(f.remediation)}</td></tr>`).join('')
    + `</tbody></table>`);

  out.push(`<h2>Waivers</h2><table id="waivers"><thead><tr><th>rule</th><th>scope</th><th>status</th><th>matched</th><th>reason</th><th>approver</th><th>expires</th></tr></thead><tbody>`);
  for (const w of report.waivers) {
    const scope = Object.entries(w.scope).map(([k, v]) => `${k}=${v}`).join(' ');
    out.push(`<tr data-controls="${x((rulesById.get(w.rule)?.controls ?? []).join(' '))}"${'tenant' in w.scope ? ` data-tenant="${x((w.scope as Record<string, unknown>).tenant)}"` : ''}>`
      + `<td><code>${x(w.rule)}</code></td><td><code>${x(scope)}</code></td><td>${x(w.status)}</td><td>${w.matched}</td><td>${x(w.reason)}</td><td>${x(w.approver)}</td><td>${x(w.expires)}</td></tr>`);
  }
  out.push(`</tbody></table>${report.waivers.length === 0 ? '<p class="muted">No waivers.</p>' : ''}`);

  out.push(`<h2>What was checked</h2><p>Policy bundle: OPA ${x(e.bundle.opaVersion)}, ${e.bundle.rules} rules; wasm sha256 <code class="hash" id="bundle-sha256">${x(e.bundle.wasmSha256)}</code>; sources sha256 <code class="hash">${x(e.bundle.sourcesSha256)}</code>. `
    + `Fail-on: <code>${x(report.summary.failOn.join(','))}</code>${report.summary.shard ? `; shard ${x(report.summary.shard)}` : ''}.</p>`
    + `<table id="inputs"><thead><tr><th>stack</th><th>file</th><th>sha256</th></tr></thead><tbody>`
    + e.inputs.map((i) => `<tr data-tenant="${x(tenantOf.get(i.stack) ?? SHARED)}"><td>${x(i.stack)}</td><td><code>${x(i.file)}</code></td><td><code class="hash">${x(i.sha256)}</code></td></tr>`).join('')
    + `</tbody></table>`);

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${hash(CSS)}; script-src ${hash(JS)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cordon evidence — ${report.summary.passed ? 'passed' : 'failed'}</title>
<style>${CSS}</style></head>
<body>
${out.join('\n')}
<script>${JS}</script>
</body></html>
`;
}
