// Writes fixtures/documents/*.pdf: resumes printed to PDF by Chromium (Skia's PDF backend, what
// "Save as PDF" in Chrome and Google Docs' download produce), one in one column and one in two
// (a sidebar, as Canva-style templates lay them out), from the texts beside them
// (fixtures/documents/*.txt). crates/documents/tests/tests.rs reads them back and checks every
// line comes out, in reading order. Run from tests/e2e (for playwright-core):
//   cd tests/e2e && node ../../scripts/documents/print-resumes.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const require = createRequire(join(ROOT, 'tests', 'e2e', 'package.json'));
const { chromium } = require('playwright-core');
const { launchChromium } = await import(join(ROOT, 'tests', 'support', 'chromium.mjs'));

const OUT = join(ROOT, 'fixtures', 'documents');
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A block of the text file: a heading line then "- " bullets or plain lines, as HTML. */
function blockHtml(block) {
  const [heading, ...lines] = block.split('\n').filter((l) => l.trim());
  const bullets = lines.filter((l) => l.startsWith('- '));
  const plain = lines.filter((l) => !l.startsWith('- '));
  return `<h2>${escape(heading)}</h2>${plain.map((l) => `<p>${escape(l)}</p>`).join('')}${
    bullets.length ? `<ul>${bullets.map((l) => `<li>${escape(l.slice(2))}</li>`).join('')}</ul>` : ''
  }`;
}

const CSS = `body { font: 10.5pt Helvetica, Arial, sans-serif; margin: 0; } h1 { font-size: 18pt; margin: 0 0 4pt; }
h2 { font-size: 12pt; margin: 10pt 0 3pt; } p { margin: 2pt 0; } ul { margin: 2pt 0; padding-left: 14pt; }
.columns { display: grid; grid-template-columns: 34% 1fr; gap: 18pt; }`;

const browser = await launchChromium(chromium);
try {
  const page = await browser.newPage();
  for (const [name, columns] of [['one-column', false], ['two-column', true]]) {
    const text = readFileSync(join(OUT, `${name}.txt`), 'utf8');
    const [title, ...blocks] = text.trim().split('\n\n');
    let body;
    if (columns) {
      // The sidebar holds Contact, Skills and Education; the text file lists them first, as a
      // person reads the page: the sidebar, then the main column.
      const side = blocks.filter((b) => b.startsWith('Skills') || b.startsWith('Education') || b.startsWith('Contact'));
      const main = blocks.filter((b) => !side.includes(b));
      body = `<h1>${escape(title)}</h1><div class="columns"><div>${side.map(blockHtml).join('')}</div><div>${main.map(blockHtml).join('')}</div></div>`;
    } else {
      body = `<h1>${escape(title)}</h1>${blocks.map(blockHtml).join('')}`;
    }
    await page.setContent(`<!doctype html><meta charset="utf-8"><style>${CSS}</style>${body}`);
    await page.pdf({ path: join(OUT, `${name}.pdf`), format: 'A4', margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });
    console.log(`wrote fixtures/documents/${name}.pdf`);
  }
} finally {
  await browser.close();
}
