// Prebuilds the workflow bundle for production workers (see temporalio/samples-typescript `production`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { PREBUILT_BUNDLE, workflowSourceOptions } from './workflow-code';

async function main(): Promise<void> {
  const out = process.argv[2] ?? PREBUILT_BUNDLE;
  const { workflowsPath, bundlerOptions } = workflowSourceOptions();
  const { code } = await bundleWorkflowCode({ workflowsPath, ...bundlerOptions });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, code);
  console.log(`workflow bundle written to ${out} (${(code.length / 1024).toFixed(0)} KiB)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
