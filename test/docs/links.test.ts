/**
 * The README and the pages of docs/ point at things that exist:
 * - every relative link (`[text](docs/cli.md)`, `[text](#usage)`, `[text](engines.md#the-memory-models)`)
 *   names a file or folder of the repository, and its `#anchor`, when it has one, a heading of that
 *   Markdown file (GitHub's anchors: lower case, punctuation dropped, spaces as hyphens);
 * - every repository path written in code marks outside code blocks (`src/core/kv.ts`,
 *   `docs/examples/requests.jsonl`, `dist/cli.cjs`; from the document's folder also counts) exists, so that moving a file without updating
 *   the documents that name it fails here. Patterns (`*`, `…`, capitals such as `NAME`) are skipped.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeBlocks, ROOT } from './cli.ts';
import { DOC_FILES } from './files.ts';

/** The text outside fenced code blocks, each line kept at its place (block lines blanked). */
function prose(markdown: string): string {
  const lines = markdown.split('\n');
  for (const b of codeBlocks(markdown)) for (let i = b.line - 1; i <= b.line + b.lines.length; i++) lines[i] = '';
  return lines.join('\n');
}

/** GitHub's anchor for a heading text. */
function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown file's headings, duplicates numbered as GitHub numbers them. */
function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of prose(markdown).split('\n')) {
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h) continue;
    const base = slug(h[1] ?? '');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

const TEXT = new Map(DOC_FILES.map((f) => [f, readFileSync(join(ROOT, f), 'utf8')] as const));

describe.each(DOC_FILES.map((f) => [f] as const))('%s', (file) => {
  const markdown = TEXT.get(file) ?? '';
  const text = prose(markdown);
  const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/i.test(l));
  const paths = [...new Set([...text.matchAll(/`((?:src|test|scripts|bench|web|docs|dist|examples|\.ci)\/[^`\s]*)`/g)].map((m) => m[1]!))].filter(
    (p) => !/[*…<>]|[A-Z]{3,}/.test(p),
  );

  it.each(links.map((l) => [l] as const))('link %s', (link) => {
    const [target = '', anchor] = link.split('#');
    const path = target === '' ? file : normalize(join(dirname(file), decodeURIComponent(target)));
    expect(existsSync(join(ROOT, path)), `${file}: the link ${link} names ${path}, which does not exist`).toBe(true);
    if (anchor === undefined) return;
    expect(path.endsWith('.md') && statSync(join(ROOT, path)).isFile(), `${file}: an anchor on ${path}, which is not a Markdown file`).toBe(true);
    const known = anchors(TEXT.get(path) ?? readFileSync(join(ROOT, path), 'utf8'));
    expect([...known], `${file}: no heading of ${path} has the anchor #${anchor}`).toContain(anchor);
  });

  // From the repository's root, or (`examples/requests.jsonl` in a page of docs/) from the document's folder.
  it.each(paths.map((p) => [p] as const))('path %s', (p) => {
    expect(existsSync(join(ROOT, p)) || existsSync(join(ROOT, dirname(file), p)), `${file} names ${p}, which does not exist`).toBe(true);
  });
});
