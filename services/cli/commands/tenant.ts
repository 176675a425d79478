import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { parse } from 'yaml';
import { DEFAULT_REGISTRY_DIR } from '../../../infra/registry/load';
import { tenantJsonSchema } from '../../../infra/registry/schema';
import { defaultAuditLog } from '../../audit/log';
import { defaultDeployer, deploy } from '../../deploy/deploy';
import { OnboardingContext, OnboardingError, OnboardingRefused, requestDetail } from '../../onboarding/context';
import { approve, recordDeploy, reject } from '../../onboarding/decisions';
import { dueForShredding, requestOffboarding } from '../../onboarding/offboarding';
import { requestOnboarding } from '../../onboarding/onboarding';
import { shredDue } from '../../onboarding/shredding';
import { loadRegistry } from '../../../infra/registry/load';
import { OnboardingRequest, RequestStore, requestsDir, storeLocation } from '../../store/requests';
import { ROOT } from '../../toolchain/paths';
import { canConfirm, deployHost } from '../deploy-host';
import { GATE_OPTIONS, gateSettings } from '../gate-settings';
import { Io } from '../io';
import { progress } from '../progress';
import { firstLine } from '../../../infra/first-line';

export const TENANT_USAGE = `usage: cordon tenant request FILE.yaml [--as WHO]
       cordon tenant approve REQUEST [--as WHO] [--deploy [--yes]]
       cordon tenant reject REQUEST --reason TEXT [--as WHO]
       cordon tenant offboard TENANT [--immediate] [--as WHO]
       cordon tenant shred-due [--as WHO] [--deploy [--yes]]
       cordon tenant list
       cordon tenant show REQUEST
       cordon tenant schema            (prints docs/tenant.schema.json, the tenant file's JSON Schema)
       (each also takes --registry DIR, --database FILE|URL, --audit-log FILE, --out DIR (where --deploy
       synthesizes), and the gate's --bundle, --policies, --waivers, --fail-on)

  request  validates the tenant entry against the registry as it would be, synthesizes and gates
           the tenant's cloud estate as it would be, and records the request (pending, or refused
           with the gate's findings)
  approve  a second person (two-person rule: dedicated and enterprise tenants, any prod
           environment) approves; the entry is written to the registry atomically and committed
           with Requested-by / Approved-by / Request-Id trailers; --deploy then runs cordon deploy
           for the tenant
  reject   records why the request is refused
  offboard requests a tenant's offboarding, always approved by a second person: its compute, network
           and edge go; its data and keys stay for the soft-delete window (retention.softDeleteDays,
           30 by default), and offboarding it again after the window shreds its keys (disabled and
           scheduled for deletion); --immediate, or a window of 0, shreds them at once. The
           registry keeps the file as a tombstone (status offboarded), so its id is never reused
  shred-due shreds the keys of every offboarding tenant whose window has ended, under the approval
           its offboarding was given (run it daily); exit 1 when one could not be shredded
  list     the requests, then the offboarding tenants whose window has ended

  --as        the principal acting (default the git user)
  --database  the request store: a SQLite file, or a postgres:// URL (default $DATABASE_URL, else
              .cordon/onboarding.db)

  exit 0 done, 1 refused (by the gate, the two-person rule, an expired or decided request), 2 bad input`;

export async function tenant(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h') {
    io.stdout(`${TENANT_USAGE}\n`);
    return sub ? 0 : 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      as: { type: 'string' },
      reason: { type: 'string' },
      deploy: { type: 'boolean', default: false },
      immediate: { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      registry: { type: 'string', default: DEFAULT_REGISTRY_DIR },
      database: { type: 'string' },
      'audit-log': { type: 'string', default: defaultAuditLog(ROOT) },
      out: { type: 'string', default: ROOT },
      ...GATE_OPTIONS,
    },
  });
  const needs = { request: 'FILE.yaml', approve: 'REQUEST', reject: 'REQUEST', offboard: 'TENANT', 'shred-due': '', show: 'REQUEST', list: '', schema: '' } as Record<string, string>;
  if (!(sub in needs)) throw new OnboardingError(`unknown tenant command "${sub}"; expected ${Object.keys(needs).join(' | ')}`);
  if (positionals.length !== (needs[sub] ? 1 : 0)) throw new OnboardingError(`tenant ${sub}: expected ${needs[sub] || 'no argument'}, received ${positionals.length ? positionals.join(' ') : 'nothing'}`);
  if (sub === 'schema') {
    io.stdout(`${JSON.stringify(tenantJsonSchema(), null, 2)}\n`);
    return 0;
  }
  if (values.deploy) canConfirm(io, values.yes!);
  const who = values.as ?? defaultDeployer(ROOT);
  const database = storeLocation(values.database, ROOT);
  const store = await RequestStore.open(database);
  try {
    // Made on first use: list and show need no policy bundle.
    let made: OnboardingContext | undefined;
    const ctx = (): OnboardingContext => (made ??= { ...gateSettings(values), registryDir: path.resolve(values.registry!), workDir: requestsDir(database, path.resolve(values['audit-log']!)), store, auditLog: path.resolve(values['audit-log']!) });
    const [target] = positionals;
    switch (sub) {
      case 'list': {
        for (const r of await store.list()) io.stdout(`${r.id}  ${r.kind.padEnd(8)} ${r.tenantId.padEnd(21)} ${r.state.padEnd(13)} requested by ${r.requester}${r.decidedBy ? `, decided by ${r.decidedBy}` : ''}\n`);
        const today = new Date().toISOString().slice(0, 10);
        for (const t of dueForShredding(loadRegistry(path.resolve(values.registry!)), today)) {
          io.stdout(`${t.id}: soft-delete window ended ${t.offboarding!.dataUntil}; shred its keys with cordon tenant shred-due\n`);
        }
        return 0;
      }
      case 'show':
        io.stdout(`${JSON.stringify(await requestDetail({ store }, target), null, 2)}\n`);
        return 0;
      case 'request': {
        const r = await requestOnboarding(ctx(), readEntry(target), who);
        io.stdout(describe(r));
        return r.state === 'pending' ? 0 : 1;
      }
      case 'offboard': {
        const r = await requestOffboarding(ctx(), target, who, { immediate: values.immediate });
        io.stdout(describe(r));
        return r.state === 'pending' ? 0 : 1;
      }
      case 'reject':
        io.stdout(describe(await reject(ctx(), target, who, values.reason ?? '')));
        return 0;
      case 'approve': {
        const c = ctx();
        const { request, commit } = await approve(c, target, who);
        io.stdout(describe(request) + (commit ? `committed ${commit}\n` : ''));
        return values.deploy ? await deployWritten(c, [request], who, values, io) : 0;
      }
      case 'shred-due': {
        const c = ctx();
        const done = await shredDue(c, who);
        if (done.length === 0) io.stdout('no offboarding tenant is past its soft-delete window\n');
        for (const d of done) io.stdout(d.refused ? `${d.tenant}: not shredded: ${d.refused}\n` : describe(d.request!));
        const written = done.filter((d) => !d.refused).map((d) => d.request!);
        const deployed = values.deploy && written.length > 0 ? await deployWritten(c, written, who, values, io) : 0;
        return Math.max(deployed, done.some((d) => d.refused) ? 1 : 0);
      }
    }
    return 2;
  } catch (e) {
    if (e instanceof OnboardingRefused) {
      io.stderr(`cordon tenant ${sub}: refused: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await store.close();
  }
}

/** `--deploy`: the gated deploy of the tenants of written requests, recorded on each request. */
async function deployWritten(c: OnboardingContext, requests: readonly OnboardingRequest[], who: string, values: { out?: string; yes?: boolean }, io: Io): Promise<number> {
  const show = progress(io);
  try {
    const result = await deploy({ bundle: c.bundle, waivers: c.waivers, failOn: c.failOn, root: path.resolve(values.out!), registryDir: c.registryDir, tenants: requests.map((r) => r.tenantId), who, auditLog: c.auditLog }, deployHost(io, show, values.yes!));
    const ok = result.outcome === 'succeeded';
    for (const r of requests) io.stdout(describe(await recordDeploy(c, r.id, who, ok ? 'deployed' : 'deploy-failed', result.run)));
    return ok ? 0 : result.outcome === 'failed' ? 2 : 1;
  } finally {
    show.done();
  }
}

function readEntry(file: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = parse(fs.readFileSync(file, 'utf8'), { uniqueKeys: true });
  } catch (e) {
    throw new OnboardingError(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid YAML (${firstLine(e)})`}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new OnboardingError(`${file}: expected a YAML mapping of tenant fields`);
  return raw as Record<string, unknown>;
}

function describe(r: OnboardingRequest): string {
  const what = r.kind === 'offboard' ? ` -> ${r.entry.status}` : '';
  const lines = [`${r.id}: ${r.tenantId}${what} ${r.state}${r.reason ? ` (${r.reason})` : ''}`];
  if (r.state === 'pending') lines.push(`  needs ${r.needsSecondPerson ? 'an approver other than ' + r.requester : 'an approval'} by ${r.expiresAt}`);
  if (r.reportFile) lines.push(`  gate report ${path.relative(process.cwd(), r.reportFile)} (sha256 ${r.reportSha256!.slice(0, 12)})`);
  return `${lines.join('\n')}\n`;
}
