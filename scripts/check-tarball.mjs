// Checks packed package tarballs as the registry would receive them: every
// file the packed package.json names (main, module, types, exports,
// typesVersions, bin, configSchema, files) is in the tarball; no sources,
// tests or API reports; not private; no `workspace:` ranges; a license.
// package.json is read from the tarball, since prepack rewrites it.
//
// Usage: node scripts/check-tarball.mjs <tgz>...
// Prints what each tarball holds; exits 1 when any tarball has a problem.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { basename } from 'node:path';

const FORBIDDEN =
  /^(src|dev|bench|node_modules|examples)\/|\.test\.|report\.api\.md$/;
// Fields whose strings are paths into the package (exports and
// configSchema are read apart: not every string there is a path).
const PATH_FIELDS = [
  'main',
  'module',
  'types',
  'typings',
  'browser',
  'typesVersions',
  'bin',
];

const tar = (...args) =>
  execFileSync('tar', args, {
    maxBuffer: 1 << 28,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
const readJson = (tgz, path) =>
  JSON.parse(tar('-xzOf', tgz, `package/${path}`).toString('utf8'));
const kB = bytes => `${(bytes / 1000).toFixed(1)} kB`;

/** `./dist/x.js` → `dist/x.js`; a `*` matches any path. */
function matcher(reference) {
  const path = reference.replace(/^\.\//, '').replace(/\/$/, '');
  const pattern = path
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  // A directory (`dist`, `migrations/`) is there when a file under it is.
  return new RegExp(`^${pattern}(/.*)?$`);
}

/** Every string in a package.json value (a path, or a map or list of them). */
function strings(value) {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') {
    return Object.values(value).flatMap(strings);
  }
  return [];
}

/** Every path the packed package.json names, with the field naming it. */
function namedPaths(pkg) {
  const found = [];
  for (const field of PATH_FIELDS) {
    for (const path of strings(pkg[field])) found.push([field, path]);
  }
  // An inline schema object is not a path.
  if (typeof pkg.configSchema === 'string') {
    found.push(['configSchema', pkg.configSchema]);
  }
  // Export targets are paths when they start with ./ (Backstage adds
  // conditions such as `"backstage": "@backstage/FrontendPlugin"`).
  for (const path of strings(pkg.exports)) {
    if (path.startsWith('./')) found.push(['exports', path]);
  }
  // `!pattern` entries exclude files: nothing to find.
  for (const path of strings(pkg.files)) {
    if (!path.startsWith('!')) found.push(['files', path]);
  }
  return found;
}

/** What is wrong with a tarball holding `files` and `pkg`, in words. */
function problemsOf(tgz, pkg, files) {
  const problems = [];
  for (const [field, reference] of namedPaths(pkg)) {
    const re = matcher(reference);
    if (!files.some(f => re.test(f))) {
      problems.push(`lacks ${reference} (named by ${field})`);
    }
  }
  for (const f of files) if (FORBIDDEN.test(f)) problems.push(`holds ${f}`);
  if (pkg.private) problems.push('is private');
  if (!pkg.license) problems.push('has no license');
  if (pkg.backstage?.pluginId && !pkg.backstage.pluginPackages?.length) {
    problems.push('has no backstage.pluginPackages');
  }
  for (const kind of [
    'dependencies',
    'peerDependencies',
    'optionalDependencies',
  ]) {
    for (const [name, range] of Object.entries(pkg[kind] ?? {})) {
      if (range.startsWith('workspace:'))
        problems.push(`${kind} has ${name}@${range}`);
    }
  }
  if (
    typeof pkg.configSchema === 'string' &&
    files.includes(pkg.configSchema)
  ) {
    const schema = readJson(tgz, pkg.configSchema);
    if (!Object.keys(schema.properties ?? {}).length) {
      problems.push(`${pkg.configSchema} declares no configuration`);
    }
  }
  return problems;
}

/** Files, sizes and the entry points found, for the release's listing. */
function describe(tgz, pkg, files) {
  const unpacked = tar('-xzOf', tgz).length;
  const groups = {};
  for (const f of files) {
    const top = f.includes('/') ? `${f.split('/')[0]}/` : f;
    groups[top] = (groups[top] ?? 0) + 1;
  }
  const contents = Object.entries(groups)
    .map(([top, n]) => (top.endsWith('/') ? `${top} ${n}` : top))
    .join(', ');
  const entries = new Set(
    namedPaths(pkg)
      .filter(([field]) => field !== 'files')
      .map(([field, path]) => `${field} ${path.replace(/^\.\//, '')}`),
  );
  const lines = [
    `${pkg.name}@${pkg.version}  ${basename(tgz)}`,
    `  ${files.length} files, ${kB(statSync(tgz).size)} packed, ${kB(
      unpacked,
    )} unpacked: ${contents}`,
    `  entry points present: ${[...entries].join(', ')}`,
  ];
  if (typeof pkg.configSchema === 'string') {
    const keys = Object.keys(readJson(tgz, pkg.configSchema).properties);
    lines.push(`  config schema: ${keys.join(', ')}`);
  }
  return lines.join('\n');
}

function check(tgz) {
  let files;
  let pkg;
  try {
    files = tar('-tzf', tgz)
      .toString('utf8')
      .split('\n')
      .filter(f => f && !f.endsWith('/'))
      .map(f => f.replace(/^package\//, ''));
    pkg = readJson(tgz, 'package.json');
  } catch {
    console.error(
      `${tgz}: not a package tarball (no readable package/package.json)`,
    );
    return false;
  }
  const problems = problemsOf(tgz, pkg, files);
  if (problems.length) {
    const id = `${pkg.name}@${pkg.version}`;
    console.error(`${id} (${basename(tgz)}): ${problems.join('; ')}`);
    return false;
  }
  console.log(describe(tgz, pkg, files));
  return true;
}

const tarballs = process.argv.slice(2);
if (!tarballs.length) {
  console.error('Usage: node scripts/check-tarball.mjs <tgz>...');
  process.exit(2);
}
const results = tarballs.map(check);
process.exit(results.every(Boolean) ? 0 : 1);
