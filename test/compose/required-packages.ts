// The npm packages a compiled app requires at run time, found by following its `require("…")` calls through the files
// the build wrote, and whether `npm prune --omit=dev` (the images' last install step) keeps each of them.
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';

const BUILTINS = new Set(builtinModules);

/** The bare package names required from `entry` and every relative file it reaches, sorted. */
export function requiredPackages(entry: string): string[] {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, , specifier] of fs.readFileSync(file, 'utf8').matchAll(/\brequire\((["'])([^"']+)\1\)/g)) {
      if (specifier.startsWith('.')) visit(resolveFile(path.resolve(path.dirname(file), specifier)));
      else if (!specifier.startsWith('node:') && !BUILTINS.has(specifier)) packages.add(packageName(specifier));
    }
  };
  visit(entry);
  return [...packages].sort();
}

/** Of `packages`, those a production install (`npm ci` then `npm prune --omit=dev`) leaves out, per the lock file. */
export function prunedFromProduction(packages: string[], lockFile: string): string[] {
  const installed = (JSON.parse(fs.readFileSync(lockFile, 'utf8')) as { packages: Record<string, { dev?: boolean }> }).packages;
  return packages.filter((name) => {
    const entry = installed[`node_modules/${name}`];
    return entry === undefined || entry.dev === true;
  });
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function resolveFile(candidate: string): string {
  for (const file of [candidate, `${candidate}.js`, path.join(candidate, 'index.js')]) {
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  throw new Error(`cannot resolve ${candidate}`);
}
