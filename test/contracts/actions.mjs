// Models of the actions a release workflow uses, for the contract runner (runner.mjs).
// Each model enforces what the real action does at the version the library pins
// (src/workflow/pinned-actions.ts), read in the action's own repository at that tag:
// an input the real action would reject, a file it would not find, or a state
// it would refuse (an existing artifact, a moved tag) fails here too.
//
// Shared state (registry, artifacts, releases, attestations) lives in
// <workdir>/state.json so that a second run of the runner models a re-run of
// the same workflow run.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

function readState(ctx) {
  return JSON.parse(fs.readFileSync(ctx.statePath, 'utf8'));
}
function writeState(ctx, state) {
  fs.writeFileSync(ctx.statePath, JSON.stringify(state, null, 2));
}
function readRunner(ctx) {
  return JSON.parse(fs.readFileSync(ctx.runnerState, 'utf8'));
}
function writeRunner(ctx, runner) {
  fs.writeFileSync(ctx.runnerState, JSON.stringify(runner, null, 2));
}
function bool(value, fallback) {
  if (value === undefined || value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  // @actions/core getBooleanInput accepts only the YAML 1.2 core booleans
  throw new Error(`Input does not meet YAML 1.2 "Core Schema" specification: ${value}`);
}
function lines(value) {
  return (value ?? '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
}
function list(value) {
  return (value ?? '').split(/[\n,]/).map((l) => l.trim()).filter((l) => l.length > 0);
}
function sha256(file) {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
function git(cwd, args) {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}
export function digestOf(text) {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

export const ACTIONS = {
  // actions/checkout v7.0.1 action.yml: fetch-depth defaults to 1 (0 = all history);
  // persist-credentials defaults to true. The tag push is checked out at github.ref.
  'actions/checkout': (ctx) => {
    const depth = Number(ctx.with['fetch-depth'] ?? '1');
    const origin = ctx.scenario.repositoryDir;
    const args = ['clone', '--quiet', '--branch', ctx.github.ref_name];
    if (depth > 0) args.push(`--depth=${depth}`);
    args.push(`file://${origin}`, ctx.workspace);
    fs.rmSync(ctx.workspace, { recursive: true, force: true });
    git(path.dirname(ctx.workspace), args);
    if (ctx.with['persist-credentials'] !== 'false') {
      ctx.log('persist-credentials: the token stays in .git/config');
    }
    return {};
  },

  // docker/setup-qemu-action v4.2.0: registers binfmt handlers (tonistiigi/binfmt)
  // for `platforms` (default: all).
  'docker/setup-qemu-action': (ctx) => {
    const runner = readRunner(ctx);
    const platforms = list(ctx.with.platforms ?? 'all');
    const archs = platforms.includes('all') ? ['amd64', 'arm64'] : platforms.map((p) => p.replace(/^linux\//, ''));
    runner.binfmt = [...new Set([...runner.binfmt, ...archs])];
    writeRunner(ctx, runner);
    return { platforms: runner.binfmt.map((a) => `linux/${a}`).join(',') };
  },

  'docker/setup-buildx-action': (ctx) => {
    const runner = readRunner(ctx);
    runner.buildx = true;
    writeRunner(ctx, runner);
    return { name: 'builder-stub' };
  },

  // docker/login-action v4.1.0: registry defaults to Docker Hub; username and
  // password are required ("Username and password required"); the config is
  // written to $DOCKER_CONFIG (docker CLI convention) or ~/.docker.
  'docker/login-action': (ctx) => {
    const registry = ctx.with.registry || 'docker.io';
    if (!ctx.with.username || !ctx.with.password) {
      throw new Error('Username and password required');
    }
    const expected = ctx.scenario.credentials?.[registry];
    if (expected && (expected.username !== ctx.with.username || expected.password !== ctx.with.password)) {
      throw new Error(`Error response from daemon: Get "https://${registry}/v2/": unauthorized: incorrect username or password`);
    }
    const runner = readRunner(ctx);
    runner.logins[registry] = ctx.with.username;
    writeRunner(ctx, runner);
    const configDir = ctx.env.DOCKER_CONFIG || path.join(ctx.home, '.docker');
    fs.mkdirSync(configDir, { recursive: true });
    const auth = Buffer.from(`${ctx.with.username}:${ctx.with.password}`).toString('base64');
    const file = path.join(configDir, 'config.json');
    const config = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { auths: {} };
    config.auths[registry === 'docker.io' ? 'https://index.docker.io/v1/' : registry] = { auth };
    fs.writeFileSync(file, JSON.stringify(config));
    return {};
  },

  // docker/build-push-action v7.3.0 with the bldr frontend (`# syntax =
  // ghcr.io/siderolabs/bldr:v0.3.0`) of the overlay repository model
  // (scenario.model.overlay). Enforced:
  //  - the target exists; every build arg the target's closure reads outside
  //    `{{ if }}` is passed and non-empty (bldr renders a missing one as
  //    `<no value>`: siderolabs/bldr v0.3.0, Go text/template default);
  //  - each platform can run on this runner (native, or binfmt registered);
  //  - a stage pinned to a platform runs on that platform: emulated, its
  //    estimated time (scenario model, an assumption) must fit timeout-minutes;
  //  - a push needs a login to the registry; cache-to needs it too;
  //  - a push with provenance makes a new index digest (buildx attestations are
  //    unique per build), so pushing a tag again moves it.
  'docker/build-push-action': (ctx) => {
    const model = ctx.scenario.model?.overlay;
    if (!model) throw new Error('scenario has no overlay repository model');
    const runner = readRunner(ctx);
    if (!runner.buildx) throw new Error('buildx is not set up (docker/setup-buildx-action)');
    const target = model.targets[ctx.with.target];
    if (!target) throw new Error(`failed to solve: target stage "${ctx.with.target}" could not be found`);
    const args = Object.fromEntries(lines(ctx.with['build-args']).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    for (const arg of target.requiredBuildArgs) {
      if (args[arg] === undefined || args[arg] === '') {
        throw new Error(`${target.buildArgReaders[arg] ?? 'pkg.yaml'}: build arg ${arg} renders as "<no value>" (not passed): ${target.failures?.[arg] ?? 'the stage fails'}`);
      }
    }
    if (args.SOURCE_DATE_EPOCH !== undefined && !/^[0-9]+$/.test(args.SOURCE_DATE_EPOCH)) {
      throw new Error(`date: invalid date '@${args.SOURCE_DATE_EPOCH}'`);
    }
    const platforms = list(ctx.with.platforms || `linux/${runner.arch}`);
    const runs = (arch) => arch === runner.arch || runner.binfmt.includes(arch);
    for (const platform of platforms) {
      const arch = platform.replace(/^linux\//, '');
      if (!runs(arch)) throw new Error(`failed to solve: ${platform}: exec format error (no binfmt handler on this ${runner.arch} runner)`);
    }
    let minutes = 0;
    for (const stage of target.pinnedStages ?? []) {
      const arch = stage.platform.replace(/^linux\//, '');
      if (!runs(arch)) throw new Error(`failed to solve: stage ${stage.stage} (${stage.platform}): exec format error`);
      minutes += arch === runner.arch ? stage.nativeMinutes : stage.nativeMinutes * (ctx.scenario.model.emulationSlowdown ?? 10);
    }
    if (minutes > runner.timeoutMinutes) {
      throw new Error(`The job has exceeded the maximum execution time of ${runner.timeoutMinutes}m0s (stages pinned to another architecture run under QEMU: about ${minutes} minutes)`);
    }
    const push = bool(ctx.with.push, false);
    const tags = list(ctx.with.tags);
    const state = readState(ctx);
    state.registry = state.registry ?? {};
    const platformsContent = {};
    for (const platform of platforms) {
      const arch = platform.replace(/^linux\//, '');
      const installerArch = target.installer.pinnedArch ?? arch;
      platformsContent[platform] = {
        installerArch, installer: target.installer.name, profiles: target.profiles, disk: target.disk,
        files: { ...(target.files ?? {}), [`installers/${target.installer.name}`]: { elf: installerArch } },
      };
    }
    state.builds = (state.builds ?? 0) + 1;
    // what the build received, for tests (e.g. SOURCE_DATE_EPOCH)
    state.buildArgs = [...(state.buildArgs ?? []), { target: ctx.with.target, args }];
    const provenance = ctx.with.provenance !== 'false';
    const digest = digestOf(JSON.stringify({ platformsContent, args, build: provenance ? state.builds : 0 }));
    for (const c of list(ctx.with['cache-to'])) {
      const ref = /ref=([^,]+)/.exec(c)?.[1];
      if (ref && !runner.logins[ref.split('/')[0].replace(/^index\./, '')]) throw new Error(`cache-to ${ref}: push access denied (not logged in)`);
    }
    if (push) {
      for (const tag of tags) {
        const [repo, name] = splitTag(tag);
        const registry = repo.split('/')[0];
        if (!runner.logins[registry]) throw new Error(`failed to push ${tag}: push access denied, repository does not exist or may require authorization`);
        state.registry[repo] = state.registry[repo] ?? { tags: {}, manifests: {} };
        const old = state.registry[repo].tags[name];
        if (old && old !== digest) {
          state.movedTags = [...(state.movedTags ?? []), { repo, tag: name, from: old, to: digest, attested: (state.attestations ?? []).some((a) => a.digest === old) }];
        }
        state.registry[repo].tags[name] = digest;
        state.registry[repo].manifests[digest] = { platforms: platformsContent };
      }
    }
    writeState(ctx, state);
    ctx.log(`built ${ctx.with.target} for ${platforms.join(',')} in about ${minutes} minutes; digest ${digest}`);
    return { digest, imageid: digest, metadata: JSON.stringify({ 'containerimage.digest': digest }) };
  },

  // actions/attest-build-provenance v4.1.0: subject-path, or subject-name +
  // subject-digest (sha256:<64 hex>).
  'actions/attest-build-provenance': (ctx) => {
    // scenario.model.outages: services that are down for this run (an attestation needs
    // Sigstore's Fulcio/Rekor for a public repository)
    if ((ctx.scenario.model?.outages ?? []).includes('sigstore')) {
      throw new Error('Failed to persist attestation: Error: Request failed with status code 503 (Sigstore unavailable)');
    }
    const state = readState(ctx);
    state.attestations = state.attestations ?? [];
    if (ctx.with['subject-digest']) {
      if (!/^sha256:[0-9a-f]{64}$/.test(ctx.with['subject-digest'])) throw new Error(`invalid subject-digest: ${ctx.with['subject-digest']}`);
      if (!ctx.with['subject-name']) throw new Error('subject-name must be provided when using subject-digest');
      state.attestations.push({ name: ctx.with['subject-name'], digest: ctx.with['subject-digest'] });
    } else if (ctx.with['subject-checksums']) {
      // action.yml @ v4.1.0: subject-checksums is a path to a checksums file ("<hex digest>
      // <name>" lines, sha256sum's format), one subject per line
      if (ctx.with['subject-path']) throw new Error('Only one of subject-path, subject-digest, or subject-checksums may be provided');
      const file = path.join(ctx.workspace, ctx.with['subject-checksums']);
      if (!fs.existsSync(file)) throw new Error(`Could not find subject checksums file at path ${ctx.with['subject-checksums']}`);
      const subjects = lines(fs.readFileSync(file, 'utf8'));
      if (subjects.length === 0) throw new Error(`No subjects found in ${ctx.with['subject-checksums']}`);
      for (const l of subjects) {
        const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(l);
        if (!m) throw new Error(`Invalid checksum line: ${l}`);
        state.attestations.push({ file: m[2], digest: `sha256:${m[1]}` });
      }
    } else {
      const files = lines(ctx.with['subject-path']).map((p) => path.join(ctx.workspace, p));
      if (files.length === 0) throw new Error('One of subject-path, subject-digest, or subject-checksums must be provided');
      for (const f of files) {
        if (!fs.existsSync(f)) throw new Error(`Could not find subject at path ${f}`);
        state.attestations.push({ file: path.basename(f), digest: `sha256:${sha256(f)}` });
      }
    }
    writeState(ctx, state);
    return {};
  },

  // actions/upload-artifact v7.0.0 action.yml: `overwrite` defaults to false and
  // "the action will fail if an artifact for the given name already exists";
  // `if-no-files-found` defaults to warn.
  'actions/upload-artifact': (ctx) => {
    const name = ctx.with.name || 'artifact';
    const state = readState(ctx);
    state.artifacts = state.artifacts ?? {};
    if (state.artifacts[name] && !bool(ctx.with.overwrite, false)) {
      throw new Error(`Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists on the workflow run`);
    }
    const files = {};
    for (const p of lines(ctx.with.path)) {
      const f = path.join(ctx.workspace, p);
      if (fs.existsSync(f)) files[path.basename(f)] = fs.readFileSync(f).toString('base64');
    }
    if (Object.keys(files).length === 0 && (ctx.with['if-no-files-found'] ?? 'warn') === 'error') {
      throw new Error(`No files were found with the provided path: ${ctx.with.path}. No artifacts will be uploaded.`);
    }
    state.artifacts[name] = files;
    writeState(ctx, state);
    return { 'artifact-id': name };
  },

  // actions/download-artifact v8.0.1: `pattern` globs artifact names;
  // `merge-multiple` extracts all into `path`.
  'actions/download-artifact': (ctx) => {
    const state = readState(ctx);
    const pattern = ctx.with.pattern ? new RegExp(`^${ctx.with.pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`) : undefined;
    const names = Object.keys(state.artifacts ?? {}).filter((n) => (ctx.with.name ? n === ctx.with.name : !pattern || pattern.test(n)));
    if (ctx.with.name && names.length === 0) throw new Error(`Artifact not found for name: ${ctx.with.name}`);
    const merge = bool(ctx.with['merge-multiple'], false);
    for (const n of names) {
      const dir = path.join(ctx.workspace, ctx.with.path ?? '', merge || ctx.with.name ? '' : n);
      fs.mkdirSync(dir, { recursive: true });
      for (const [file, content] of Object.entries(state.artifacts[n])) fs.writeFileSync(path.join(dir, file), Buffer.from(content, 'base64'));
    }
    return { 'download-path': path.join(ctx.workspace, ctx.with.path ?? '') };
  },

  // softprops/action-gh-release v3.0.0 (src/github.ts): an existing release for
  // the tag is reused (a published one through getReleaseByTag; a draft, which that
  // REST call does not return, through canonicalizeCreatedRelease: the new draft is
  // dropped for the oldest release of the tag among the recent ones and deleted); an asset of the same name is replaced unless
  // overwrite_files is false (default true); a new release is created as a
  // draft and published after upload unless `draft: true`; an existing
  // published release stays published. Modifying a published release is
  // recorded in the state so that tests can assert it never happens silently.
  'softprops/action-gh-release': (ctx) => {
    const tag = ctx.with.tag_name || ctx.github.ref_name;
    const state = readState(ctx);
    state.releases = state.releases ?? {};
    let release = state.releases[tag];
    const created = !release;
    if (!release) {
      release = { draft: true, assets: {}, publishedChanges: [] };
      state.releases[tag] = release;
    }
    if (ctx.with.body_path) {
      const body = path.join(ctx.workspace, ctx.with.body_path);
      if (!fs.existsSync(body)) throw new Error(`ENOENT: no such file or directory, open '${ctx.with.body_path}'`);
      release.body = fs.readFileSync(body, 'utf8');
    }
    const overwrite = bool(ctx.with.overwrite_files, true);
    // src/util.ts paths(): each line of `files` is a glob (relative to the workspace) of files
    const matches = [];
    for (const p of lines(ctx.with.files)) {
      const found = globFiles(ctx.workspace, p);
      if (found.length === 0 && bool(ctx.with.fail_on_unmatched_files, false)) throw new Error(`Pattern '${p}' does not match any files.`);
      matches.push(...found);
    }
    for (const f of matches) {
      const name = path.basename(f);
      if (release.assets[name] && !overwrite) continue;
      if (!release.draft && release.assets[name] !== undefined) release.publishedChanges.push(`replaced asset ${name}`);
      if (!release.draft && release.assets[name] === undefined) release.publishedChanges.push(`added asset ${name}`);
      release.assets[name] = sha256(f);
      // the content, for `gh release download` (stub-bin/gh)
      release.files = { ...(release.files ?? {}), [name]: fs.readFileSync(f).toString('base64') };
    }
    const keepDraft = bool(ctx.with.draft, false);
    if (release.draft && !keepDraft) release.draft = false;
    ctx.log(`${created ? 'created' : 'updated'} release ${tag} (draft: ${release.draft})`);
    writeState(ctx, state);
    return { url: `https://github.com/${ctx.github.repository}/releases/tag/${tag}`, id: '1' };
  },
};

export function splitTag(ref) {
  const at = ref.indexOf('@');
  if (at >= 0) return [ref.slice(0, at), ref.slice(at + 1)];
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) return [ref.slice(0, colon), ref.slice(colon + 1)];
  return [ref, 'latest'];
}

/** Files matching a glob whose wildcards (*, ?) are in the last path segment only. */
function globFiles(root, pattern) {
  const dir = path.join(root, path.dirname(pattern));
  const base = path.basename(pattern);
  if (/[*?[]/.test(path.dirname(pattern))) throw new Error(`glob ${pattern}: wildcards in directories are not modelled`);
  if (!fs.existsSync(dir)) return [];
  const re = new RegExp(`^${base.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
  return fs.readdirSync(dir).sort().filter((n) => re.test(n) && fs.statSync(path.join(dir, n)).isFile()).map((n) => path.join(dir, n));
}
