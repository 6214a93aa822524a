// What an image built from one target of a Dockerfile holds: its environment, working folder, command, health check
// and the files copied into it (from another stage or from the build context). Only the instructions our Dockerfile
// uses are read; any other form fails loudly instead of being misread.
import * as path from 'node:path';

export interface Copy {
  /** The stage copied from; undefined: the build context. */
  from?: string;
  source: string;
  /** Absolute, in the image. */
  destination: string;
  /**
   * Where the files come from in the repository: the context's own path, or, from a stage, the path its build wrote
   * them at (relative to where that stage copied the whole context).
   */
  repositoryPath?: string;
}

export interface Image {
  env: Record<string, string>;
  workdir: string;
  cmd: string[];
  healthcheck?: string[];
  copies: Copy[];
  /** The stages that make it: those it is built FROM and those it copies from, theirs too. */
  stages: string[];
  /** Every RUN of those stages, in the Dockerfile's order. */
  runs: string[];
}

export interface Stage extends Partial<Omit<Image, 'env' | 'copies' | 'stages' | 'runs'>> {
  parent?: string;
  env: Record<string, string>;
  copies: Copy[];
  runs: string[];
}

/** Each stage by name (`FROM … AS name`), with its own instructions only. */
export function parseDockerfile(text: string): Map<string, Stage> {
  const stages = new Map<string, Stage>();
  let stage: Stage | undefined;
  for (const [instruction, rest] of instructions(text)) {
    if (instruction === 'ARG' && !stage) continue;
    if (instruction === 'FROM') {
      const [, base, name] = /^(\S+)\s+AS\s+(\S+)$/i.exec(rest) ?? [];
      if (!name) throw new Error(`FROM without a stage name: ${rest}`);
      stage = { parent: stages.has(base) ? base : undefined, env: {}, copies: [], runs: [] };
      stages.set(name, stage);
      continue;
    }
    if (!stage) throw new Error(`${instruction} before any FROM`);
    readInstruction(stage, instruction, rest);
  }
  return stages;
}

/** The image of `target`: its stage over the stages it is built FROM. */
export function imageOf(stages: Map<string, Stage>, target: string): Image {
  const chain: Stage[] = [];
  for (let name: string | undefined = target; name; name = stages.get(name)?.parent) {
    const stage = stages.get(name);
    if (!stage) throw new Error(`no stage ${name}`);
    chain.unshift(stage);
  }
  const image: Image = { env: {}, workdir: '/', cmd: [], copies: [], stages: [], runs: [] };
  for (const stage of chain) {
    Object.assign(image.env, stage.env);
    image.workdir = stage.workdir ?? image.workdir;
    image.cmd = stage.cmd ?? image.cmd;
    image.healthcheck = stage.healthcheck ?? image.healthcheck;
    image.copies.push(...stage.copies.map((copy) => ({ ...copy, destination: path.posix.resolve(image.workdir, copy.destination) })));
  }
  for (const copy of image.copies) copy.repositoryPath = copy.from ? fromContext(stages, copy.from, copy.source) : copy.source;
  const making = stagesMaking(stages, target);
  const inOrder = [...stages].filter(([name]) => making.has(name));
  image.stages = inOrder.map(([name]) => name);
  image.runs = inOrder.flatMap(([, stage]) => stage.runs);
  return image;
}

/** A file of `image` (relative to its working folder) as the repository path it was copied from. */
export function repositoryFile(image: Image, file: string): string {
  const inImage = path.posix.resolve(image.workdir, file);
  const copy = [...image.copies].reverse().find(({ destination }) => inImage === destination || inImage.startsWith(`${destination}/`));
  if (copy?.repositoryPath === undefined) throw new Error(`nothing of the repository is copied to ${inImage}`);
  return path.posix.join(copy.repositoryPath, path.posix.relative(copy.destination, inImage));
}

function stagesMaking(stages: Map<string, Stage>, target: string, found = new Set<string>()): Set<string> {
  if (found.has(target)) return found;
  found.add(target);
  const stage = stages.get(target);
  if (!stage) throw new Error(`no stage ${target}`);
  if (stage.parent) stagesMaking(stages, stage.parent, found);
  for (const copy of stage.copies) if (copy.from) stagesMaking(stages, copy.from, found);
  return found;
}

/** `file` of stage `from` as a repository path, when that stage holds the whole build context (`COPY . <folder>`). */
function fromContext(stages: Map<string, Stage>, from: string, file: string): string | undefined {
  const context = imageOf(stages, from).copies.find((copy) => !copy.from && copy.source === '.');
  if (!context) return undefined;
  const relative = path.posix.relative(context.destination, file);
  return relative.startsWith('..') ? undefined : relative;
}

function readInstruction(stage: Stage, instruction: string, rest: string): void {
  switch (instruction) {
    case 'ENV':
      for (const pair of rest.split(/\s+/)) {
        const [, name, value] = /^([A-Za-z_][A-Za-z0-9_]*)=(\S*)$/.exec(pair) ?? [];
        if (!name) throw new Error(`ENV in a form not read here: ${rest}`);
        stage.env[name] = value;
      }
      return;
    case 'WORKDIR':
      stage.workdir = rest;
      return;
    case 'COPY': {
      const words = rest.split(/\s+/);
      const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((word) => !word.startsWith('--'));
      const destination = paths.pop();
      if (!destination || paths.length === 0 || (paths.length > 1 && !destination.endsWith('/'))) {
        throw new Error(`COPY in a form not read here: ${rest}`);
      }
      // Several sources go into the destination folder, each under its own name.
      const into = (source: string) => (paths.length > 1 ? path.posix.join(destination, path.posix.basename(source)) : destination);
      stage.copies.push(...paths.map((source) => ({ from, source, destination: into(source) })));
      return;
    }
    case 'CMD':
      stage.cmd = JSON.parse(rest) as string[];
      return;
    case 'HEALTHCHECK': {
      const command = /\bCMD\s+(\[.*\])$/.exec(rest)?.[1];
      if (!command) throw new Error(`HEALTHCHECK in a form not read here: ${rest}`);
      stage.healthcheck = JSON.parse(command) as string[];
      return;
    }
    case 'RUN':
      stage.runs.push(rest);
      return;
    case 'ARG':
    case 'EXPOSE':
    case 'USER':
      return;
    default:
      throw new Error(`instruction not read here: ${instruction}`);
  }
}

/** Instructions with their arguments, continuation lines joined and comments dropped. */
function instructions(text: string): Array<[instruction: string, rest: string]> {
  const logical = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return logical
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [, instruction, rest] = /^(\S+)\s+([\s\S]*)$/.exec(line) ?? [];
      if (!instruction) throw new Error(`not an instruction: ${line}`);
      return [instruction.toUpperCase(), rest.trim()];
    });
}
