import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ARTIFACTS = path.resolve(__dirname, '../artifacts/console');
const DOCS = path.resolve(__dirname, '../../docs');

/** The console built by test/global-setup.cjs for this run. */
export function builtConsole(): string {
  const dir = process.env.CONSOLE_DIR;
  if (!dir) throw new Error('CONSOLE_DIR is not set: run the browser tests through Jest (test/global-setup.cjs builds the console)');
  return dir;
}

/** Headless Chromium, found or installed by test/global-setup.cjs (tools/chromium.cjs). */
export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH;
  if (!executablePath) {
    throw new Error(process.env.CHROMIUM_MISSING ?? 'CHROMIUM_PATH is not set: run the browser tests through Jest, or `npm run browser:provision`');
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
}

/**
 * Saves a screenshot under test/artifacts/console/, and also as docs/<docsName> when
 * UPDATE_DOCS_SCREENSHOTS=1 (the pictures the README shows).
 */
export async function saveScreenshot(page: Page, name: string, docsName?: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (docsName && process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
    fs.mkdirSync(DOCS, { recursive: true });
    fs.copyFileSync(file, path.join(DOCS, docsName));
  }
}
