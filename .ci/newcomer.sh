#!/usr/bin/env bash
# The newcomer test: create an overlay repository from the packed library in an empty folder,
# exactly as the README's "Start a new overlay repository" says, reaching only the npm registry.
# Shows that `npx projen` re-synthesises (a deleted workflow comes back, an edited declaration
# changes the workflow), that the cdktf.json app writes the settings stack, that the workflow
# passes the same validators as the tests, and that bad options write nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
projen_version=$(node -p 'require("./node_modules/projen/package.json").version')
start=$(date +%s)

# A newcomer runs these commands on their own machine, not in CI: with CI set, projen installs
# with `npm ci`, which needs the package-lock.json a new project does not have yet.
unset CI

work=$(mktemp -d)
trap 'rm -rf "${work}"' EXIT

fail() {
  echo "newcomer: $*" >&2
  exit 1
}

# 1. the package: build first, so the tarball has lib/ and .jsii
if [ ! -f lib/index.js ] || [ ! -f .jsii ]; then
  npx projen compile
fi
mkdir -p "${work}/pack"
tarball_name=$(npm pack --silent --pack-destination "${work}/pack" | tail -n 1)
tarball="${work}/pack/${tarball_name}"
tar -tzf "${tarball}" > "${work}/pack/contents"
grep -qx 'package/lib/index.js' "${work}/pack/contents" || fail "the tarball has no lib/index.js"
grep -qx 'package/.jsii' "${work}/pack/contents" || fail "the tarball has no .jsii"
grep -q '^package/lib/project/' "${work}/pack/contents" || fail "the tarball has no lib/project/"

# 2. bad options: the library's error, and no project files written
mkdir "${work}/bad"
cd "${work}/bad"
if npx -y "projen@${projen_version}" new --from "${tarball}" --projen-version "${projen_version}" --no-git \
    --docker-hub-namespace 'Not A Namespace' > "${work}/bad.log" 2>&1; then
  fail "projen new accepted an invalid dockerHubNamespace"
fi
grep -qF 'TalosOverlayProject at "options" is invalid:' "${work}/bad.log" || { cat "${work}/bad.log"; fail "no clear error for a bad option"; }
grep -A1 -F 'is invalid:' "${work}/bad.log"
grep -qF 'dockerHubNamespace = "Not A Namespace"' "${work}/bad.log" || { cat "${work}/bad.log"; fail "the error does not name the field and value"; }
for f in .projenrc.ts .github .projen cdktf.json Pkgfile; do
  [ ! -e "${f}" ] || fail "bad options left ${f} behind"
done
echo "newcomer: bad options rejected with the library's error, nothing written"

# 3. the README's commands, from an empty folder
mkdir "${work}/my-board"
cd "${work}/my-board"
npx -y "projen@${projen_version}" new --from "${tarball}" --projen-version "${projen_version}" --no-git
for f in .projenrc.ts .github/workflows/release.yaml cdktf.json projenrc/settings-app.ts tsconfig.projen.json \
    profiles/rk3588/board-rk3588.yaml Pkgfile pkg.yaml installers/rk3588/src/main.go installers/rk3588/src/board.go; do
  [ -f "${f}" ] || fail "projen new did not write ${f}"
done
echo "newcomer: the generated declaration:"
cat .projenrc.ts
grep -qxF 'import { TalosOverlayProject } from "talos-sbc-constructs/lib/project";' .projenrc.ts \
  || fail ".projenrc.ts does not import the project type from talos-sbc-constructs/lib/project (the workflow side only)"
grep -qF 'v*-nanopi-m6' .github/workflows/release.yaml || fail "the workflow does not use the sample tag pattern"
for entry in '*.tfstate' '*.tfstate.*' '.terraform/' '/cdktf.out/*' 'node_modules/'; do
  grep -qxF -- "${entry}" .gitignore || fail ".gitignore lacks ${entry}"
done
grep -qF '/.github/workflows/release.yaml linguist-generated' .gitattributes || fail ".gitattributes does not mark the workflow generated"

# 4. npx projen re-synthesises: a deleted workflow comes back. It loads the workflow side only: no
#    process of `npx projen` loads cdktf or the GitHub provider bindings (a preloaded module records them).
cat > "${work}/trace-cdktf.js" <<'JS'
process.on('exit', () => {
  const loaded = Object.keys(require.cache).filter((f) => /node_modules\/(cdktf|@cdktf\/provider-github)\//.test(f));
  if (loaded.length > 0) require('fs').appendFileSync(process.env.TRACE_CDKTF_OUT, `${process.pid} ${loaded[0]}\n`);
});
JS
# one `npx projen`, traced, after deleting the workflow: it must load no cdktf and restore it
: > "${work}/cdktf-loads"
rm .github/workflows/release.yaml
NODE_OPTIONS="--require ${work}/trace-cdktf.js" TRACE_CDKTF_OUT="${work}/cdktf-loads" npx projen
[ ! -s "${work}/cdktf-loads" ] || { cat "${work}/cdktf-loads"; fail "npx projen loaded cdktf"; }
echo "newcomer: npx projen loaded neither cdktf nor the provider bindings"
[ -f .github/workflows/release.yaml ] || fail "npx projen did not restore the workflow"
echo "newcomer: npx projen restored the deleted workflow"

# 4b. the pipeline picture and preview: npx projen wrote docs/pipeline.md, and `npx projen preview -- --tag <tag>`
#     prints what the tag does without changing a file
[ -f docs/pipeline.md ] || fail "npx projen did not write docs/pipeline.md"
tree_state() { find . -path ./node_modules -prune -o -type f -print0 | sort -z | xargs -0 sha256sum; }
before=$(tree_state)
npx projen preview -- --tag v1.10.6-nanopi-m6 > "${work}/preview.out"
grep -qxF 'Pipeline preview for tag v1.10.6-nanopi-m6' "${work}/preview.out" || { cat "${work}/preview.out"; fail "npx projen preview printed no preview"; }
grep -qxF '  Releases nanopi-m6 for Talos v1.10.6.' "${work}/preview.out" || { cat "${work}/preview.out"; fail "the preview does not release the sample board"; }
[ "$(tree_state)" = "${before}" ] || fail "npx projen preview changed files"
echo "newcomer: npx projen preview printed the tag's pipeline and wrote nothing"

# 5. the workflow follows the declaration
sed -i 's/v1\.10\.6/v1.10.7/' .projenrc.ts
grep -qF 'v1.10.7' .projenrc.ts || fail "could not edit the Talos version in .projenrc.ts"
grep -q "tagPattern" .projenrc.ts && fail ".projenrc.ts already has a tagPattern"
sed -i "s/^const project = new TalosOverlayProject({/&\n  tagPattern: 'release-*-m6',/" .projenrc.ts
npx projen
grep -qF 'TALOS_VERSION: v1.10.7' .github/workflows/release.yaml || fail "the workflow did not follow the Talos version"
grep -qF -- '- release-*-m6' .github/workflows/release.yaml || fail "the workflow did not follow the tag pattern"
echo "newcomer: the workflow followed the edited declaration"

# 6. the cdktf.json app (as `cdktf synth` runs it) writes the settings stack
app=$(node -p 'require("./cdktf.json").app')
CDKTF_OUTDIR="$(pwd)/cdktf.out" bash -c "${app}"
[ -f cdktf.out/stacks/settings/cdk.tf.json ] || fail "the cdktf.json app wrote no cdk.tf.json"

# 7. the same validators as the tests, and the cross-side check
cd "${root}"
# (transpile only: .ci/run type-checks test/ with tsc; the newcomer's own `npx projen` runs above type-check)
npx ts-node --transpile-only --project tsconfig.dev.json test/project/validate-newcomer.ts "${work}/my-board" 'release-*-m6'

echo "newcomer: passed in $(( $(date +%s) - start ))s"
