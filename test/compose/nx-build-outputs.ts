// Where the `nx run-many -t build -p …` of a Dockerfile's build stage writes: each project's build `outputs`.
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Project {
  name: string;
  targets: { build?: { outputs?: string[] } };
}

/** The absolute output folders of the projects the build RUN among `runs` names, from their project.json. */
export function nxBuildOutputs(runs: string[], root: string): string[] {
  const command = runs.find((run) => run.includes('nx run-many -t build'));
  const names = /-p\s+([\w\s-]+)$/.exec(command ?? '')?.[1].trim().split(/\s+/) ?? [];
  return ['apps', 'libs']
    .flatMap((folder) => fs.readdirSync(path.join(root, folder)).map((name) => path.join(root, folder, name, 'project.json')))
    .filter((file) => fs.existsSync(file))
    .map((file) => JSON.parse(fs.readFileSync(file, 'utf8')) as Project)
    .filter((project) => names.includes(project.name))
    .flatMap((project) => project.targets.build?.outputs ?? [])
    .map((output) => path.join(root, output.replace('{workspaceRoot}/', '')));
}
