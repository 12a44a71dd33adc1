#!/usr/bin/env bash
# cdktn compatibility check. Run after `npx projen build` (or `npx projen compile`), which creates lib/.
#
# In a temporary directory (the repository's node_modules is never written to) it installs from the
# npm registry cdktn, constructs ~10.7 (cdktn's peer range), the prebuilt GitHub provider and the
# library's runtime dependencies, with "overrides": {"cdktf": "npm:cdktn@<version>"} so that every
# require('cdktf') (the library's and @cdktf/provider-github's) loads cdktn. It copies lib/ and
# package.json into node_modules/talos-sbc-constructs, then:
#   1. builds the NanoPi M6 settings stack as the example's cdktf.json app does
#      (TalosOverlaySettings.app with the options examples/nanopi-m6/.projenrc.ts declares, read by
#      test/support/record-declaration.ts), synthesises it on cdktn and diffs it against the committed
#      examples/nanopi-m6/cdktf.out/stacks/settings/cdk.tf.json;
#   2. builds a stack with every other settings construct, synthesises it on cdktn and on the
#      repository's own cdktf, and diffs the two.
# Only //.metadata.version (the core's own version) is ignored. Exits non-zero on any difference.
#
# Usage: .ci/cdktn-check.sh      Env: CDKTN_VERSION (default 0.24.0), KEEP_TMP=1 keeps the temp dir.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CDKTN_VERSION=${CDKTN_VERSION:-0.24.0}
STACK=settings
COMMITTED="examples/nanopi-m6/cdktf.out/stacks/${STACK}/cdk.tf.json"

log() { echo "cdktn-check: $*"; }

if [ ! -f "${ROOT}/lib/index.js" ]; then
  log "no compiled library at lib/index.js: run 'npx projen build' (or 'npx projen compile') first" >&2
  exit 2
fi
if [ ! -f "${ROOT}/${COMMITTED}" ]; then
  log "missing ${COMMITTED}: run 'npx projen example' first" >&2
  exit 2
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/cdktn-check.XXXXXX")
cleanup() {
  if [ "${KEEP_TMP:-0}" = "1" ]; then
    log "kept ${TMP}"
  else
    rm -rf "${TMP}"
  fi
}
trap cleanup EXIT

# The temporary project: the pinned set below, plus any further runtime dependency the library
# declares (its bundled dependencies), at the range it declares.
CDKTN_VERSION="${CDKTN_VERSION}" node - "${ROOT}/package.json" "${TMP}/package.json" <<'JS'
const fs = require('fs');
const [source, target] = process.argv.slice(2);
const library = JSON.parse(fs.readFileSync(source, 'utf8'));
const cdktn = process.env.CDKTN_VERSION;
const dependencies = {
  'cdktn': cdktn,
  'constructs': '~10.7.0',
  '@cdktf/provider-github': '15.3.1',
  'libsodium-wrappers': '0.8.4',
  'yaml': '^2',
  'projen': '0.103.25', // lib/index.js also loads the workflow side, which imports projen
};
for (const [name, range] of Object.entries(library.dependencies ?? {})) {
  if (!(name in dependencies)) dependencies[name] = range;
}
fs.writeFileSync(target, JSON.stringify({
  name: 'cdktn-check',
  version: '0.0.0',
  private: true,
  dependencies,
  overrides: { cdktf: `npm:cdktn@${cdktn}` },
}, null, 2) + '\n');
JS

log "installing cdktn@${CDKTN_VERSION} and peers into ${TMP}"
started=${SECONDS}
if ! (cd "${TMP}" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error >"${TMP}/npm-install.log" 2>&1); then
  cat "${TMP}/npm-install.log" >&2
  log "npm install failed" >&2
  exit 1
fi
log "installed in $((SECONDS - started)) s"

PACKAGE_DIR="${TMP}/node_modules/talos-sbc-constructs"
mkdir -p "${PACKAGE_DIR}"
cp -R "${ROOT}/lib" "${PACKAGE_DIR}/lib"
cp "${ROOT}/package.json" "${PACKAGE_DIR}/package.json"

# Sanity: inside the temporary project, require('cdktf') is cdktn.
(cd "${TMP}" && node - <<'JS'
const cdktf = require('cdktf/package.json');
if (cdktf.name !== 'cdktn') {
  console.error(`cdktn-check: require('cdktf') is ${cdktf.name}@${cdktf.version}, not cdktn: the override did not apply`);
  process.exit(1);
}
const version = (name) => `${name} = ${require(`${name}/package.json`).name}@${require(`${name}/package.json`).version}`;
console.log(`cdktn-check: temporary project: ${['cdktf', 'cdktn', 'constructs', '@cdktf/provider-github'].map(version).join(', ')}`);
JS
)

# The settings apps, in plain JS: settings.js <scenario> <outdir> <library> <core>.
cat >"${TMP}/settings.js" <<'JS'
const [scenario, outdir, libraryPath, corePath] = process.argv.slice(2);
const { App, S3Backend } = require(corePath);
const {
  ActionsPermissions, DockerHubRepo, ImageRepository, RegistryCredentials, ReleaseEnvironment, ReleaseTagRuleset,
  RepoSecrets, RulesetBypassActor, SecretValue, SettingsStack, TalosOverlaySettings,
} = require(libraryPath);

const app = new App({ outdir });
if (scenario === 'example') {
  // the cdktf.json app of examples/nanopi-m6, with the options its .projenrc.ts declares (read below)
  TalosOverlaySettings.app(JSON.parse(require('fs').readFileSync(process.env.EXAMPLE_OPTIONS, 'utf8')), outdir).synth();
} else {
  // every other construct: S3 state, adoption, release environment, sealed environment secret, tag ruleset, SHA pinning
  const stack = new SettingsStack(app, 'hardened-settings', { localBackend: false, githubOwner: 'talos-sbc' });
  new S3Backend(stack, { bucket: 'talos-sbc-state', key: 'hardened.tfstate', region: 'eu-central-1', encrypt: true });
  new DockerHubRepo(stack, 'OverlayRepository', {
    imageRepository: ImageRepository.dockerHub('123417', 'talos-sbc-nanopi-m6'),
    private: false,
    importExisting: true,
    immutableTags: true,
    immutableTagRules: ['v.*'],
  });
  const release = new ReleaseEnvironment(stack, 'Release', { githubRepository: 'nanopi-m6', tagPatterns: ['v*-nanopi-m6'], reviewerUserIds: [1] });
  new RepoSecrets(stack, 'ActionsSettings', {
    githubRepository: 'nanopi-m6',
    credentials: RegistryCredentials.dockerHub(),
    usernameValue: '123417',
    environment: release,
    tokenValue: SecretValue.fromSealedBox(Buffer.alloc(60, 7).toString('base64'), '568250167242549743'),
  });
  new ReleaseTagRuleset(stack, 'ReleaseTags', {
    githubRepository: 'nanopi-m6',
    tagPatterns: release.tagPatterns,
    bypassActors: [RulesetBypassActor.repositoryAdmins()],
  });
  new ActionsPermissions(stack, 'ActionsPolicy', { githubRepository: 'nanopi-m6' });
}
if (scenario !== 'example') {
  app.synth();
}
const core = require(`${corePath}/package.json`);
console.log(`cdktn-check: synthesised "${scenario}" on ${core.name}@${core.version}`);
JS

run_app() { # scenario outdir library core
  (cd "${TMP}" && CHECKPOINT_DISABLE=1 node settings.js "$@")
}

# Writes $1 without //.metadata.version to $2; prints the dropped version.
normalise() {
  node - "$1" "$2" <<'JS'
const fs = require('fs');
const [source, target] = process.argv.slice(2);
const json = JSON.parse(fs.readFileSync(source, 'utf8'));
const version = json['//']?.metadata?.version;
if (json['//']?.metadata) delete json['//'].metadata.version;
fs.writeFileSync(target, JSON.stringify(json, null, 2) + '\n');
process.stdout.write(String(version));
JS
}

failures=0
compare() { # name reference-file reference-description cdktn-file
  local name=$1 reference=$2 description=$3 synthesised=$4 reference_version synthesised_version
  reference_version=$(normalise "${reference}" "${TMP}/${name}.reference.json")
  synthesised_version=$(normalise "${synthesised}" "${TMP}/${name}.cdktn.json")
  log "${name}: comparing ${description} (cdktf ${reference_version})"
  log "${name}:      with the same stack synthesised on cdktn ${synthesised_version}, ignoring //.metadata.version"
  if diff -u --label "${description} (cdktf ${reference_version})" --label "cdktn ${synthesised_version}" \
    "${TMP}/${name}.reference.json" "${TMP}/${name}.cdktn.json"; then
    log "${name}: identical"
  else
    log "${name}: DIFFERENT" >&2
    failures=$((failures + 1))
  fi
}

# 1. The example, against its committed output.
(cd "${ROOT}" && npx ts-node --transpile-only --project tsconfig.dev.json test/support/record-declaration.ts examples/nanopi-m6/.projenrc.ts) \
  > "${TMP}/example-options.json"
EXAMPLE_OPTIONS="${TMP}/example-options.json" run_app example "${TMP}/example.cdktn" talos-sbc-constructs cdktn
compare example "${ROOT}/${COMMITTED}" "${COMMITTED}" "${TMP}/example.cdktn/stacks/${STACK}/cdk.tf.json"

# 2. The other constructs: cdktn against the repository's own cdktf (its node_modules is only read).
run_app hardened "${TMP}/hardened.cdktf" "${ROOT}/lib/index.js" "${ROOT}/node_modules/cdktf"
run_app hardened "${TMP}/hardened.cdktn" talos-sbc-constructs cdktn
compare hardened "${TMP}/hardened.cdktf/stacks/hardened-settings/cdk.tf.json" "hardened-settings synthesised with the repository's cdktf" \
  "${TMP}/hardened.cdktn/stacks/hardened-settings/cdk.tf.json"

if [ "${failures}" -ne 0 ]; then
  log "FAILED: ${failures} stack(s) synthesise differently on cdktn ${CDKTN_VERSION}" >&2
  exit 1
fi
log "OK: identical output on cdktn ${CDKTN_VERSION}"
