import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { createMarkdownRenderer } from '../../../src/markdown/markdown';

const dom = new JSDOM('');
const render = createMarkdownRenderer(dom.window as unknown as Parameters<typeof createMarkdownRenderer>[0]);

describe('markdown rendering', () => {
  it('renders ordinary markdown, links opening in a new tab without access to the page', () => {
    expect(render('**bold** `code` [docs](https://example.com/a?b=1)')).toBe(
      '<p><strong>bold</strong> <code>code</code> <a href="https://example.com/a?b=1" target="_blank" rel="noopener noreferrer nofollow">docs</a></p>\n',
    );
    expect(render('```js\nlet a = 1 < 2;\n```')).toBe('<pre><code class="language-js">let a = 1 &lt; 2;\n</code></pre>\n');
    expect(render('| a | b |\n|---|---|\n| 1 | 2 |')).toBe(
      '<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody><tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody></table>\n',
    );
    expect(render('- [ ] todo\n- [x] done')).toBe('<ul>\n<li>☐ todo</li>\n<li>☑ done</li>\n</ul>\n');
  });

  it('shows an <img onerror> written by the model as text', () => {
    expect(render('<img src=x onerror=alert(1)>')).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>\n');
    expect(render('look: <img src=x onerror=alert(1)> here')).toBe(
      '<p>look: &lt;img src=x onerror=alert(1)&gt; here</p>\n',
    );
  });

  it('shows <script> as text', () => {
    expect(render('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
    expect(render('hi <script>alert(1)</script> there')).toBe(
      '<p>hi &lt;script&gt;alert(1)&lt;/script&gt; there</p>\n',
    );
  });

  it('keeps the line breaks of a block of HTML shown as text', () => {
    expect(render('<div onclick="x()">\n<b>hi</b>\n</div>')).toBe(
      '<p>&lt;div onclick="x()"&gt;<br>&lt;b&gt;hi&lt;/b&gt;<br>&lt;/div&gt;</p>\n',
    );
  });

  it('drops javascript:, data: and relative link targets', () => {
    expect(render('[a](javascript:alert(1)) [b](data:text/html,<script>x</script>) [c](src/main.ts)')).toBe(
      '<p><a>a</a> <a>b</a> <a>c</a></p>\n',
    );
    expect(render('[a](JaVaScRiPt:alert(1))')).toBe('<p><a>a</a></p>\n');
  });

  it('does not load remote images: they become a labelled placeholder; inline data images stay', () => {
    expect(render('![cat](https://evil.test/cat.png)')).toBe(
      '<p><span class="blocked-image" title="Remote image not loaded: https://evil.test/cat.png">[image: cat]</span></p>\n',
    );
    expect(render('![](//evil.test/p.gif "t")')).toBe(
      '<p><span class="blocked-image" title="Remote image not loaded: //evil.test/p.gif">[image]</span></p>\n',
    );
    expect(render('![a"b](https://e.test/x?a=1&b="2")')).toBe(
      '<p><span class="blocked-image" title="Remote image not loaded: https://e.test/x?a=1&amp;b=&quot;2&quot;">[image: a"b]</span></p>\n',
    );
    expect(render('![dot](data:image/png;base64,iVBOR)')).toBe('<p><img src="data:image/png;base64,iVBOR" alt="dot"></p>\n');
  });

  it('renders nothing executable whatever the input', () => {
    const nasty = [
      '[x](javascript:alert(1) "t")',
      '<svg onload=alert(1)>',
      '<a href="javascript:alert(1)">x</a>',
      '![x](x" onerror="alert(1))',
      '<iframe src="https://evil.test"></iframe>',
      '<style>body{display:none}</style>',
      '[x](https://ok.test "a\\" onmouseover=\\"alert(1)")',
    ].join('\n\n');
    const container = dom.window.document.createElement('div');
    container.innerHTML = render(nasty);
    const all = [...container.querySelectorAll('*')];
    expect(all.map((el) => el.tagName).filter((tag) => !['P', 'A', 'SPAN', 'BR'].includes(tag))).toEqual([]);
    const attributes = all.flatMap((el) => [...el.attributes].map((attr) => `${attr.name}=${attr.value}`));
    expect(attributes.filter((attr) => /^on|javascript:|^style=|^src=(?!data:image)/i.test(attr))).toEqual([]);
  });
});
