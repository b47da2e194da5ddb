// isWebUrl and webUrl (model/url.ts): only absolute http(s) URLs may become links in the explorer;
// script-running schemes, relative paths and values the URL parser would rewrite are refused.
import { describe, expect, it } from 'vitest';
import { isWebUrl, webUrl } from '@model/url.js';

describe('isWebUrl', () => {
  it.each([
    'http://a',
    'https://www.example.org/report.pdf',
    'HTTPS://X',
    'https://example.org/path?q=1#frag',
    'http://127.0.0.1:7474/',
    'https://user@example.org/',
  ])('accepts %j', (value) => {
    expect(isWebUrl(value)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    ' javascript:alert(1)',
    '\tjavascript:alert(1)',
    'java\nscript:alert(1)',
    'java\tscript:alert(1)',
    '\u0000javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.org/',
    'mailto:someone@example.org',
    '/relative/path',
    'relative/path',
    '//example.org/protocol-relative',
    '#fragment',
    'https://',
    'http//missing-colon.example',
    ' https://example.org',
    'https://example.org ',
    '',
  ])('refuses %j', (value) => {
    expect(isWebUrl(value)).toBe(false);
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 42, {}, ['https://example.org'], new URL('https://example.org')])
      expect(isWebUrl(value)).toBe(false);
  });
});

describe('webUrl', () => {
  it('passes web URLs and names the rule for anything else', () => {
    expect(webUrl.parse('https://example.org/a')).toBe('https://example.org/a');
    for (const value of ['javascript:alert(1)', 'data:text/html,x', 'mailto:a@b.c']) {
      const result = webUrl.safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.message)).toContain('must be an http:// or https:// URL');
    }
    expect(webUrl.safeParse('not a url').success).toBe(false);
  });
});
