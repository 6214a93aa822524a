import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

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

/** A browser tab of one test: its own context (cookies, routes) and page. */
export interface ChromiumTab {
  readonly context: BrowserContext;
  readonly page: Page;
}

/**
 * Headless Chromium for the enclosing `describe` (launched before its tests, closed after them), and a fresh tab for
 * each test: a 1360×900 context and its page, closed after the test, which then fails if a script on the page threw
 * (a `pageerror`). Its `context` and `page` are there during each test (and in hooks registered after this call).
 */
export function onChromiumTab(): ChromiumTab {
  let browser: Browser | undefined;
  let tab: ChromiumTab | undefined;
  let pageErrors: string[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    if (!browser) throw new Error('onChromiumTab: no Chromium (its beforeAll has not run, or failed)');
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    tab = { context, page };
  });
  afterEach(async () => {
    await tab?.context.close();
    tab = undefined;
    expect(pageErrors).toEqual([]);
  });
  const current = (): ChromiumTab => {
    if (!tab) throw new Error('onChromiumTab: no tab outside a test: its page and context are there during each test');
    return tab;
  };
  return {
    get context() {
      return current().context;
    },
    get page() {
      return current().page;
    },
  };
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
