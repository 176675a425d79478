#!/usr/bin/env node
'use strict';
/**
 * A stand-in for `terraform` on machines that have neither OpenTofu nor Terraform, for the tests of
 * the GCP deploy path (test/deploy/gcp.test.ts). It knows only what services/deploy/gcp.ts runs, and
 * only `terraform_data` resources in the working directory's *.tf.json:
 *
 *   version
 *   init -input=false -no-color
 *   plan -input=false -no-color -out=FILE
 *   show -json -no-color FILE        plan JSON shaped as Terraform's (format_version 1.2)
 *   apply -input=false -no-color FILE
 *
 * A saved plan records a digest of the configuration and the state it was made from; apply refuses
 * it once either changed ("Saved plan is stale"), and writes terraform.tfstate (format version 4).
 * Anything else (another command, flag, resource type or argument) is an error, never ignored.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const VERSION = '1.11.4';
const STATE = 'terraform.tfstate';
const DATA_DIR = '.terraform';
const PROVIDER = 'terraform.io/builtin/terraform';
const PLAN_MAGIC = 'cordon-fake-terraform-plan';
const ARGUMENTS = new Set(['input', 'triggers_replace', 'lifecycle', 'depends_on', '//']);

class Failure extends Error {}

/** A Terraform-style diagnostic on stderr: `Error: SUMMARY`, a blank line, the detail. */
const fail = (summary, detail = '') => {
  throw new Failure(`\nError: ${summary}\n${detail ? `\n${detail}\n` : ''}`);
};

/** The *.tf.json files of the working directory, parsed and checked: `{ name: { input, triggers_replace } }` plus their bytes. */
function readConfig() {
  const files = fs.readdirSync('.').filter((f) => f.endsWith('.tf') || f.endsWith('.tf.json')).sort();
  const hcl = files.filter((f) => f.endsWith('.tf'));
  if (hcl.length > 0) fail('Unsupported configuration', `fake-terraform reads *.tf.json only, not ${hcl.join(', ')}`);
  if (files.length === 0) fail('No configuration files', 'Apply requires configuration to be present.');
  const resources = {};
  const bytes = [];
  for (const file of files) {
    const text = fs.readFileSync(file);
    bytes.push(Buffer.from(`${file}\0`), text, Buffer.from('\0'));
    let doc;
    try {
      doc = JSON.parse(text.toString('utf8'));
    } catch (e) {
      fail('Invalid JSON', `  on ${file}:\n${e.message}`);
    }
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) fail('Root value must be object', `  on ${file}:\nThe root value in a JSON-based configuration must be a JSON object.`);
    for (const [block, body] of Object.entries(doc)) {
      if (block === '//') continue;
      if (block !== 'resource') fail('Unsupported block type', `  on ${file}:\nfake-terraform supports "resource" blocks only, not "${block}".`);
      for (const [type, byName] of Object.entries(body ?? {})) {
        if (type !== 'terraform_data') fail('Unsupported resource type', `  on ${file}, in resource.${type}:\nfake-terraform knows terraform_data only (no providers), not ${type}.`);
        for (const [name, r] of Object.entries(byName ?? {})) {
          for (const key of Object.keys(r ?? {})) {
            if (!ARGUMENTS.has(key)) fail('Extraneous JSON object property', `  on ${file}, in resource.terraform_data.${name}:\nNo argument or block type is named "${key}".`);
          }
          if (JSON.stringify([r.input, r.triggers_replace]).includes('${')) fail('Unsupported expression', `  on ${file}, in resource.terraform_data.${name}:\nfake-terraform takes literal values only.`);
          resources[name] = { input: r.input ?? null, triggers_replace: r.triggers_replace ?? null };
        }
      }
    }
  }
  return { resources, bytes: Buffer.concat(bytes) };
}

function readState() {
  if (!fs.existsSync(STATE)) return { bytes: Buffer.alloc(0), doc: null, resources: {} };
  const bytes = fs.readFileSync(STATE);
  const doc = JSON.parse(bytes.toString('utf8'));
  const resources = {};
  for (const r of doc.resources ?? []) {
    if (r.mode !== 'managed' || r.type !== 'terraform_data') continue;
    const a = r.instances[0].attributes;
    resources[r.name] = { id: a.id, input: a.input?.value ?? null, output: a.output?.value ?? null, triggers_replace: a.triggers_replace?.value ?? null };
  }
  return { bytes, doc, resources };
}

/** The type of a JSON value as Terraform writes it in state (cty's JSON type notation). */
function ctyType(v) {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return ['tuple', v.map(ctyType)];
  return ['object', Object.fromEntries(Object.entries(v).map(([k, x]) => [k, ctyType(x)]))];
}

/** terraform_data keeps its dynamic attributes in state with their type; null stays null. */
const dynamic = (v) => (v === null ? null : { value: v, type: ctyType(v) });

/** What a saved plan is valid for: the configuration and the state it was made from. */
const digest = (config, state) => crypto.createHash('sha256').update(config.bytes).update('\0state\0').update(state.bytes).digest('hex');

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The flags of `args` (each must be one of `allowed`, by name) and its positional arguments. */
function parse(command, args, allowed) {
  const flags = {};
  const positional = [];
  for (const a of args) {
    const m = /^-{1,2}([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      positional.push(a);
      continue;
    }
    if (!allowed.includes(m[1])) fail(`Unsupported flag for ${command}`, `fake-terraform does not implement ${a}.`);
    flags[m[1]] = m[2] ?? true;
  }
  if (flags.input !== undefined && flags.input !== 'false') fail('Unsupported flag value', `fake-terraform runs with -input=false only, not ${flags.input}.`);
  return { flags, positional };
}

function requireInit() {
  if (!fs.existsSync(path.join(DATA_DIR, 'fake-terraform-init.json'))) fail('Backend initialization required, please run "terraform init"', 'The working directory has not been initialized.');
}

function readPlan(file) {
  let plan;
  try {
    plan = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    fail(`Failed to load "${file}" as a plan file`, `Error: ${e.code ?? e.message}`);
  }
  if (!plan || plan.magic !== PLAN_MAGIC) fail(`Failed to load "${file}" as a plan file`, 'The file is not a saved plan.');
  return plan;
}

function init(args) {
  const { positional } = parse('init', args, ['input', 'no-color']);
  if (positional.length) fail('Too many command line arguments');
  readConfig();
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(path.join(DATA_DIR, 'fake-terraform-init.json'), JSON.stringify({ version: VERSION }));
  return `\nInitializing the backend...\n\nInitializing provider plugins...\n- ${PROVIDER} is built in to Terraform\n\nTerraform has been successfully initialized!\n`;
}

function plan(args) {
  const { flags, positional } = parse('plan', args, ['input', 'no-color', 'out']);
  if (positional.length) fail('Too many command line arguments');
  if (typeof flags.out !== 'string' || !flags.out) fail('fake-terraform plans with -out=FILE only');
  requireInit();
  const config = readConfig();
  const state = readState();
  const changes = [];
  for (const [name, want] of Object.entries(config.resources)) {
    const have = state.resources[name];
    const actions = !have ? ['create'] : !same(have.triggers_replace, want.triggers_replace) ? ['delete', 'create'] : !same(have.input, want.input) ? ['update'] : ['no-op'];
    changes.push({ name, actions, before: have ?? null, want });
  }
  for (const [name, have] of Object.entries(state.resources)) if (!(name in config.resources)) changes.push({ name, actions: ['delete'], before: have, want: null });
  changes.sort((a, b) => a.name.localeCompare(b.name));
  fs.writeFileSync(flags.out, JSON.stringify({ magic: PLAN_MAGIC, version: VERSION, digest: digest(config, state), changes }));
  const count = (action) => changes.filter((c) => c.actions.includes(action)).length;
  const [add, change, destroy] = [count('create'), count('update'), count('delete')];
  return add + change + destroy === 0 ? '\nNo changes. Your infrastructure matches the configuration.\n' : `\nPlan: ${add} to add, ${change} to change, ${destroy} to destroy.\n\nSaved the plan to: ${flags.out}\n`;
}

/** `terraform show -json PLAN`: the documented plan representation, for terraform_data. */
function show(args) {
  const { flags, positional } = parse('show', args, ['json', 'no-color']);
  if (!flags.json) fail('fake-terraform shows plans as JSON only (-json)');
  if (positional.length !== 1) fail('fake-terraform shows a saved plan file only');
  requireInit();
  const saved = readPlan(positional[0]);
  const base = (name) => ({ address: `terraform_data.${name}`, mode: 'managed', type: 'terraform_data', name, provider_name: PROVIDER });
  const planned = [];
  const resourceChanges = [];
  for (const c of saved.changes) {
    if (c.want) {
      const keep = c.actions[0] === 'no-op' || c.actions[0] === 'update';
      const values = { ...(keep && { id: c.before.id }), input: c.want.input, ...(c.actions[0] === 'no-op' && { output: c.before.output }), triggers_replace: c.want.triggers_replace };
      const unknown = { ...(!keep && { id: true }), ...(c.actions[0] !== 'no-op' && { output: true }) };
      planned.push({ ...base(c.name), schema_version: 0, values, sensitive_values: {} });
      resourceChanges.push({ ...base(c.name), change: { actions: c.actions, before: c.before, after: values, after_unknown: unknown, before_sensitive: c.before ? {} : false, after_sensitive: {} } });
    } else {
      resourceChanges.push({ ...base(c.name), change: { actions: c.actions, before: c.before, after: null, after_unknown: {}, before_sensitive: {}, after_sensitive: false } });
    }
  }
  const configured = saved.changes
    .filter((c) => c.want)
    .map((c) => {
      const { provider_name: _, ...r } = base(c.name);
      return { ...r, provider_config_key: 'terraform', expressions: Object.fromEntries(Object.entries(c.want).filter(([, v]) => v !== null).map(([k, v]) => [k, { constant_value: v }])), schema_version: 0 };
    });
  return `${JSON.stringify({
    format_version: '1.2',
    terraform_version: VERSION,
    planned_values: { root_module: { resources: planned } },
    resource_changes: resourceChanges,
    configuration: { provider_config: { terraform: { name: 'terraform', full_name: PROVIDER } }, root_module: { resources: configured } },
    timestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    applyable: saved.changes.some((c) => c.actions[0] !== 'no-op'),
    complete: true,
    errored: false,
  })}\n`;
}

function apply(args) {
  const { positional } = parse('apply', args, ['input', 'no-color']);
  if (positional.length !== 1) fail('fake-terraform applies a saved plan file only');
  requireInit();
  const saved = readPlan(positional[0]);
  const config = readConfig();
  const state = readState();
  if (saved.digest !== digest(config, state)) fail('Saved plan is stale', 'The given plan file can no longer be applied because the state was changed by another operation after the plan was created.');
  const next = { ...state.resources };
  for (const c of saved.changes) {
    if (!c.want) delete next[c.name];
    else if (c.actions[0] !== 'no-op') next[c.name] = { id: c.actions[0] === 'update' ? c.before.id : crypto.randomUUID(), input: c.want.input, output: c.want.input, triggers_replace: c.want.triggers_replace };
  }
  const doc = {
    version: 4,
    terraform_version: VERSION,
    serial: (state.doc?.serial ?? 0) + 1,
    lineage: state.doc?.lineage ?? crypto.randomUUID(),
    outputs: {},
    resources: Object.keys(next)
      .sort()
      .map((name) => ({ mode: 'managed', type: 'terraform_data', name, provider: `provider["${PROVIDER}"]`, instances: [{ schema_version: 0, attributes: { id: next[name].id, input: dynamic(next[name].input), output: dynamic(next[name].output), triggers_replace: dynamic(next[name].triggers_replace) }, sensitive_attributes: [] }] })),
    check_results: null,
  };
  fs.writeFileSync(STATE, `${JSON.stringify(doc, null, 2)}\n`);
  const count = (action) => saved.changes.filter((c) => c.actions.includes(action)).length;
  return `\nApply complete! Resources: ${count('create')} added, ${count('update')} changed, ${count('delete')} destroyed.\n`;
}

const COMMANDS = { init, plan, show, apply, version: () => `Terraform v${VERSION} (cordon fake-terraform: terraform_data only)\non ${process.platform}_${process.arch}\n` };

function main(argv) {
  // As Terraform does: a CLI configuration named but absent is warned about on every command.
  const cliConfig = process.env.TF_CLI_CONFIG_FILE;
  if (cliConfig && !fs.existsSync(cliConfig)) process.stderr.write(`There are some problems with the CLI configuration:\n\nWarning: Unable to open CLI configuration file\n\nThe CLI configuration file at "${cliConfig}" does not exist.\n\n`);
  const [name, ...args] = argv;
  const command = COMMANDS[name];
  try {
    if (!command) fail(`Unsupported command "${name ?? ''}"`, `fake-terraform implements ${Object.keys(COMMANDS).join(', ')}.`);
    process.stdout.write(command(args));
    return 0;
  } catch (e) {
    if (!(e instanceof Failure)) throw e;
    process.stderr.write(e.message);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
